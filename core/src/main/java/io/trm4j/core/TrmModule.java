package io.trm4j.core;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.HeadsModule;

import static java.util.Objects.requireNonNull;

/**
 * Guice wiring for services: binds the {@link TrmConfig}, the heads on the classpath and one
 * shared {@code Reasoner<?, ?>} (inject it and cast to the head's types), loaded with the
 * configuration's {@link TrmConfig#loadOptions()}. The owner of the injector closes the reasoner
 * on shutdown. {@code new TrmModule(TrmConfig.load())} reads {@code trm.*}/{@code TRM_*}.
 */
public final class TrmModule extends AbstractModule {
    private final TrmConfig config;

    public TrmModule(TrmConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        install(new HeadsModule());
        bind(TrmConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    Reasoner<?, ?> reasoner(TrmConfig cfg, HeadRegistry heads) {
        return Trm.load(cfg.requireModel(), cfg.loadOptions(), heads);
    }
}
