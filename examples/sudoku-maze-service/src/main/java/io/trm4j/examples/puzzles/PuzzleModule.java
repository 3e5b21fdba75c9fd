package io.trm4j.examples.puzzles;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmModule;

import static java.util.Objects.requireNonNull;

/**
 * Wires the service: trm4j's {@link TrmModule} binds each {@code models.<name>} section of the
 * configuration as a typed {@code @Named("<name>") Reasoner<I, O>}, which {@link PuzzleService}
 * takes by constructor injection. Whoever owns the injector closes {@link PuzzleService} (which
 * closes the reasoners) on shutdown.
 */
public final class PuzzleModule extends AbstractModule {
    private final TrmConfig config;

    public PuzzleModule(TrmConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        install(new TrmModule(config));
        // Bound here so that Guice checks its typed reasoners when the injector is created: a config
        // whose models are for other heads fails at startup, not at the first request.
        bind(PuzzleService.class).in(Singleton.class);
    }
}
