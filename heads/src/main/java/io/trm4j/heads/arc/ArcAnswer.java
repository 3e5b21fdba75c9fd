package io.trm4j.heads.arc;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Two attempts per test input (the ARC Prize submission shape), and notes such as the unknown-task
 * fallback's warning.
 */
public record ArcAnswer(String taskId, List<ArcPrediction> predictions, List<String> notes) {
    public ArcAnswer {
        predictions = List.copyOf(requireNonNull(predictions, "predictions is null"));
        notes = List.copyOf(requireNonNull(notes, "notes is null"));
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
