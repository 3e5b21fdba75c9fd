package io.trm4j.core.head.command;

import io.trm4j.core.TrmException;

import java.util.List;

/**
 * What a head adds to the front-end commands ({@code trm solve}, {@code trm eval}): its options,
 * and, through the small interfaces it may also implement, the behaviour they switch on
 * ({@link InputAdjustment}, {@link ModelFreeSolve}, {@link ModelFreeEval}, {@link EvalSource}).
 * A head module binds it under the head's name with {@link io.trm4j.core.head.HeadModule#commandsBinder}.
 * The options are offered whichever head runs (the head is known only after parsing), so
 * {@link #check} says when one is given for another head.
 */
public interface HeadCommands {
    /** The options this head adds; each names the commands that take it. */
    List<HeadOption> options();

    /**
     * Fails when this head's options do not fit {@code invocation}: given for another head, a bad
     * value, a combination that cannot run. Called for every head's commands before anything runs
     * (and again once a model has named the head), also when none of its options is given. Throws a
     * {@link UsageException} for a misuse of the command line, a {@link TrmException} otherwise.
     */
    void check(Invocation invocation);
}
