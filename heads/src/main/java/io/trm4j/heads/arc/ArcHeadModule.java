package io.trm4j.heads.arc;

import com.google.inject.AbstractModule;
import io.trm4j.core.head.HeadModule;

/** Registers the {@code arc} head and its task-directory evaluation and options; found by ServiceLoader. */
public final class ArcHeadModule extends AbstractModule implements HeadModule {
    @Override
    protected void configure() {
        HeadModule.headBinder(binder()).addBinding(ArcHead.NAME).to(ArcHead.class);
        HeadModule.commandsBinder(binder()).addBinding(ArcHead.NAME).to(ArcCommands.class);
    }
}
