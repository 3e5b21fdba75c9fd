package io.trm4j.heads;

import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;

import java.util.List;

/** Row results for head tests: all belief on the given tokens, as a sure model would answer. */
public final class ConfidentRows {
    private ConfidentRows() {
    }

    public static RowResult of(long[] tokens, int vocab) {
        float[] logits = new float[tokens.length * vocab];
        int[] argmax = new int[tokens.length];
        for (int p = 0; p < tokens.length; p++) {
            argmax[p] = (int) tokens[p];
            logits[p * vocab + argmax[p]] = 10f;
        }
        return new RowResult(logits, argmax, 1f, 3, HaltReason.CONVERGED, List.of());
    }
}
