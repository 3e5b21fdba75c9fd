package io.trm4j.cli;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.heads.arc.ArcAnswer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code trm eval arc DIR --submission FILE}: the ARC Prize submission JSON,
 * {@code {"<task>": [{"attempt_1": grid, "attempt_2": grid}, ...], ...}}, for every task that ran.
 */
final class SubmissionWriter {
    private final Map<String, String> byTask = new TreeMap<>();

    void add(EvalCase c, Reasoning<Object> r) {
        if (r.answer() instanceof ArcAnswer a && a.taskId() != null) {
            byTask.put(a.taskId(), a.toSubmissionJson());
        }
    }

    int size() {
        return byTask.size();
    }

    void write(Path file) {
        StringBuilder sb = new StringBuilder("{");
        byTask.forEach((id, attempts) -> sb.append(sb.length() == 1 ? "" : ",\n").append('"')
                .append(JsonStringEncoder.getInstance().quoteAsString(id)).append("\":")
                .append(attempts));
        try {
            Files.writeString(file, sb.append("}\n").toString());
        } catch (IOException e) {
            throw new TrmException(file + ": cannot write the submission: " + e.getMessage(), e);
        }
    }
}
