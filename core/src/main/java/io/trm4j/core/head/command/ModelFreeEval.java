package io.trm4j.core.head.command;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;

import java.util.List;
import java.util.function.IntConsumer;

import static java.util.Objects.requireNonNull;

/** Head commands that can score something other than a model on the same cases (the sequence {@code --baseline}). */
public interface ModelFreeEval extends HeadCommands {
    /** Whether {@code invocation} asks to score without a model. */
    boolean evaluatesWithoutModel(Invocation invocation);

    /** Scores the cases, reporting how many are done to {@code progress}. */
    Result evaluate(List<EvalCase> cases, IntConsumer progress);

    /**
     * @param solver what was scored, in the report's model column, e.g. {@code baseline (rule fitting)}
     * @param report the figures, as a model's would be
     * @param notes  lines to print below the report
     * @param fields figures of its own to add to the report's JSON object, e.g. {@code rule_fits}
     */
    record Result(String solver, EvalReport report, List<String> notes, ObjectNode fields) {
        public Result {
            requireNonNull(solver, "solver is null");
            requireNonNull(report, "report is null");
            notes = List.copyOf(requireNonNull(notes, "notes is null"));
            fields = requireNonNull(fields, "fields is null").deepCopy();
        }

        @Override
        public ObjectNode fields() {
            return fields.deepCopy();
        }
    }
}
