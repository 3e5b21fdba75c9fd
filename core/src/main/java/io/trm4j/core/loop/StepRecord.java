package io.trm4j.core.loop;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/** One supervision step of one row: its argmax prediction and confidence {@code sigmoid(q_halt)}. */
public record StepRecord(int step, int[] prediction, float confidence) {
    public StepRecord {
        requireNonNull(prediction, "prediction is null");
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + step);
        }
    }

    /** The prediction's tokens, not the array's identity. */
    @Override
    public String toString() {
        return "StepRecord[step=" + step + ", prediction=" + Arrays.toString(prediction)
                + ", confidence=" + confidence + "]";
    }
}
