package io.trm4j.core.head.command;

/** Head commands whose options change each parsed input before it runs (ARC's {@code --unknown-task}). */
public interface InputAdjustment extends HeadCommands {
    /** {@code input} (of this head's input type) as {@code invocation}'s options ask; unchanged when none does. */
    Object adjust(Object input, Invocation invocation);
}
