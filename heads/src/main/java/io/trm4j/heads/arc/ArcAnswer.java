package io.trm4j.heads.arc;

import io.trm4j.core.head.StructuredAnswer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Two attempts per test input (the ARC Prize submission shape), and notes such as the unknown-task
 * fallback's warning.
 */
public record ArcAnswer(String taskId, List<ArcPrediction> predictions, List<String> notes)
        implements StructuredAnswer {
    public ArcAnswer {
        predictions = List.copyOf(requireNonNull(predictions, "predictions is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
    }

    /**
     * {@code task_id}, {@code predictions}: per test input {@code attempt_1} and {@code attempt_2} as
     * {@code int[][]} rows (null where the input has no valid grid), and {@code notes}.
     */
    @Override
    public Map<String, Object> structured() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ArcPrediction p : predictions) {
            Map<String, Object> attempts = new LinkedHashMap<>();
            attempts.put("attempt_1", p.hasAttempts() ? p.attempt1().toArray() : null);
            attempts.put("attempt_2", p.hasAttempts() ? p.attempt2().toArray() : null);
            out.add(attempts);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("task_id", taskId);
        fields.put("predictions", out);
        fields.put("notes", notes);
        return fields;
    }

    /**
     * {@code [{"attempt_1": grid, "attempt_2": grid}, ...]}, one object per test input; an input
     * without a valid grid gets {@code [[0]]} for both attempts (a submission needs grids).
     */
    public String toSubmissionJson() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < predictions.size(); i++) {
            ArcPrediction p = predictions.get(i);
            String a1 = p.hasAttempts() ? p.attempt1().toJson() : "[[0]]";
            String a2 = p.hasAttempts() ? p.attempt2().toJson() : "[[0]]";
            sb.append(i == 0 ? "" : ",").append("{\"attempt_1\":").append(a1).append(",\"attempt_2\":").append(a2)
                    .append('}');
        }
        return sb.append(']').toString();
    }
}
