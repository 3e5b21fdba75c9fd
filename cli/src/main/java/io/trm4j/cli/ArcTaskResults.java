package io.trm4j.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.Verdict;
import io.trm4j.heads.arc.ArcAnswer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code trm eval arc DIR} keeps of each task that ran: its two attempts per test input (for
 * {@code --submission FILE}, the ARC Prize JSON {@code {"<task>": [{"attempt_1": grid,
 * "attempt_2": grid}, ...], ...}}) and whether it was solved pass@2 (the {@code per_task} JSON).
 */
final class ArcTaskResults {
    private final Map<String, Reasoning<Object>> results = new TreeMap<>();

    void add(EvalCase c, Reasoning<Object> r) {
        if (r.answer() instanceof ArcAnswer a && a.taskId() != null) {
            results.put(a.taskId(), r);
        }
    }

    int size() {
        return results.size();
    }

    /** {@code {"<task>": {"solved": true, "steps": 8}, ...}} for the tasks that ran. */
    ObjectNode perTask() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        results.forEach((id, r) -> o.putObject(id).put("solved", r.verdict().status() == Verdict.Status.SOLVED)
                .put("steps", r.steps()));
        return o;
    }

    void writeSubmission(Path file) {
        StringBuilder sb = new StringBuilder("{");
        results.forEach((id, r) -> sb.append(sb.length() == 1 ? "" : ",\n").append('"')
                .append(JsonStringEncoder.getInstance().quoteAsString(id)).append("\":")
                .append(((ArcAnswer) r.answer()).toSubmissionJson()));
        try {
            Files.writeString(file, sb.append("}\n").toString());
        } catch (IOException e) {
            throw new TrmException(file + ": cannot write the submission: " + e.getMessage(), e);
        }
    }
}
