package io.trm4j.core.loop;

import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The loop's output for one row.
 *
 * @param logits     final logits, row-major {@code [L][V]}
 * @param argmax     final prediction, {@code [L]} token ids
 * @param confidence {@code sigmoid(q_halt)} at the final step
 * @param steps      supervision steps this row ran
 * @param haltReason why it stopped
 * @param trace      per-step records when tracing was on, else empty
 */
public record RowResult(float[] logits, int[] argmax, float confidence, int steps, HaltReason haltReason,
                        List<StepRecord> trace) {
    public RowResult {
        requireNonNull(logits, "logits is null");
        requireNonNull(argmax, "argmax is null");
        requireNonNull(haltReason, "haltReason is null");
        trace = List.copyOf(requireNonNull(trace, "trace is null"));
    }

    /** The prediction's tokens and the logits' size (all L*V of them would drown the rest). */
    @Override
    public String toString() {
        return "RowResult[argmax=" + Arrays.toString(argmax) + ", confidence=" + confidence + ", steps=" + steps
                + ", haltReason=" + haltReason + ", logits=" + logits.length + " floats, trace=" + trace + "]";
    }
}
