package io.trm4j.core.head.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoning;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;

import java.io.PrintWriter;
import java.util.List;

/**
 * Head commands that read the evaluation's cases themselves from what the file argument names (ARC:
 * a directory of task files) and follow the report with what only they know (pass@2 over every
 * task file, the submission file).
 */
public interface EvalSource extends HeadCommands {
    /** Whether this head reads {@code invocation.file()} itself (else the front end reads it as CSV or JSON lines). */
    boolean readsCases(Invocation invocation);

    /** The cases of {@code invocation.file()}, the first {@code limit} only when {@code limit > 0}. */
    List<EvalCase> readCases(Invocation invocation, int limit);

    /** What keeps the results of this run of {@code cases} and writes what follows the report. */
    Results results(Invocation invocation, List<EvalCase> cases);

    /** The results of one evaluation, as they come. */
    interface Results {
        /** One case's result, as the evaluator gives it. */
        void add(EvalCase evalCase, Reasoning<Object> result);

        /** After the report's table: lines to {@code out}, fields to the report's JSON object. */
        void report(EvalReport report, PrintWriter out, ObjectNode json);
    }
}
