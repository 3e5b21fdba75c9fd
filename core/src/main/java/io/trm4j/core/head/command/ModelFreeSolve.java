package io.trm4j.core.head.command;

import java.io.PrintWriter;
import java.util.List;

/** Head commands that can answer without a model when an option asks (the sequence {@code --baseline}). */
public interface ModelFreeSolve extends HeadCommands {
    /** Whether {@code invocation} asks for the answers without a model. */
    boolean solvesWithoutModel(Invocation invocation);

    /**
     * Answers every input (the puzzles' texts), parsed first so that a bad one fails before any
     * answer, printing each to {@code out} (one JSON object per line when {@code invocation.json()}).
     * Returns whether every answer is one (a guess is not).
     */
    boolean solve(List<String> inputs, Invocation invocation, PrintWriter out);
}
