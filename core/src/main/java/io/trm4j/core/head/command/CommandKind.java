package io.trm4j.core.head.command;

/** The front-end commands a head may add options and behaviour to. */
public enum CommandKind {
    /** Solve the puzzles given (the CLI's {@code trm solve}). */
    SOLVE,
    /** Score a model on labelled puzzles (the CLI's {@code trm eval}). */
    EVAL
}
