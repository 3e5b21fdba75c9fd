package io.trm4j.heads.sequence;

import com.google.inject.AbstractModule;
import io.trm4j.core.head.HeadModule;

/** Registers the {@code sequence} head and its {@code --baseline}; found by ServiceLoader. */
public final class SequenceHeadModule extends AbstractModule implements HeadModule {
    @Override
    protected void configure() {
        HeadModule.headBinder(binder()).addBinding(SequenceHead.NAME).to(SequenceHead.class);
        HeadModule.commandsBinder(binder()).addBinding(SequenceHead.NAME).to(SequenceCommands.class);
    }
}
