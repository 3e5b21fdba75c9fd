package io.trm4j.core.head;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Scopes;

/**
 * Installs every {@link HeadModule} found by {@link java.util.ServiceLoader} (or the given ones)
 * and binds the {@link HeadRegistry}. The map binders are declared here too so the registry exists
 * (empty) when no head is on the classpath.
 */
public final class HeadsModule extends AbstractModule {
    private final Iterable<? extends Module> modules;

    /** Discovers head modules on the thread's context class loader (or this class's). */
    public HeadsModule() {
        this(HeadRegistry.discoverModules(loader()));
    }

    public HeadsModule(Iterable<? extends Module> modules) {
        this.modules = java.util.Objects.requireNonNull(modules, "modules is null");
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : HeadsModule.class.getClassLoader();
    }

    @Override
    protected void configure() {
        HeadModule.headBinder(binder());
        HeadModule.commandsBinder(binder());
        for (Module m : modules) {
            install(m);
        }
        bind(HeadRegistry.class).in(Scopes.SINGLETON);
    }
}
