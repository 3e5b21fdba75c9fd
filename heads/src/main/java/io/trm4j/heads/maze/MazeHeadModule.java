package io.trm4j.heads.maze;

import com.google.inject.AbstractModule;
import io.trm4j.core.head.HeadModule;

/** Registers the {@code maze} head; found by ServiceLoader. */
public final class MazeHeadModule extends AbstractModule implements HeadModule {
    @Override
    protected void configure() {
        HeadModule.headBinder(binder()).addBinding(MazeHead.NAME).to(MazeHead.class);
    }
}
