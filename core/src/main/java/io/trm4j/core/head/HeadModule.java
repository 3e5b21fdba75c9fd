package io.trm4j.core.head;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;

/**
 * A head plugin: a Guice module that adds its head(s) to the head map, found with
 * {@link java.util.ServiceLoader} via {@code META-INF/services/io.trm4j.core.head.HeadModule}.
 */
public interface HeadModule extends Module {
    /** The map every head module adds to: {@code headBinder(binder).addBinding("x").to(XHead.class)}. */
    static MapBinder<String, TaskHead<?, ?>> headBinder(Binder binder) {
        return MapBinder.newMapBinder(binder, new TypeLiteral<String>() { }, new TypeLiteral<TaskHead<?, ?>>() { });
    }
}
