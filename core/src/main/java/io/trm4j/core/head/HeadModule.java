package io.trm4j.core.head;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import io.trm4j.core.head.command.HeadCommands;

/**
 * A head plugin: a Guice module that adds its head(s) to the head map, and what they add to the
 * front-end commands to the commands map, found with {@link java.util.ServiceLoader} via
 * {@code META-INF/services/io.trm4j.core.head.HeadModule}.
 */
public interface HeadModule extends Module {
    /** The map every head module adds to: {@code headBinder(binder).addBinding("x").to(XHead.class)}. */
    static MapBinder<String, TaskHead<?, ?>> headBinder(Binder binder) {
        return MapBinder.newMapBinder(binder, new TypeLiteral<String>() { }, new TypeLiteral<TaskHead<?, ?>>() { });
    }

    /**
     * The map of what heads add to the front-end commands, by head name:
     * {@code commandsBinder(binder).addBinding("x").to(XCommands.class)}. A head without options binds nothing.
     */
    static MapBinder<String, HeadCommands> commandsBinder(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, HeadCommands.class);
    }
}
