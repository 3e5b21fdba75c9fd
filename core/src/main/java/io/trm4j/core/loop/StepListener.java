package io.trm4j.core.loop;

import java.nio.FloatBuffer;

/**
 * Sees the raw outputs of each step (parity tests, debugging). The buffers are views of the
 * loop's reused native memory, valid only during the call: copy what you keep.
 */
@FunctionalInterface
public interface StepListener {
    /**
     * @param step     the step just run (1-based)
     * @param liveRows original row indices of the rows in this call, in buffer order
     * @param liveCount how many entries of {@code liveRows} are valid
     * @param logits   {@code [liveCount][L][V]}
     * @param qHalt    {@code [liveCount]}
     */
    void onStep(int step, int[] liveRows, int liveCount, FloatBuffer logits, FloatBuffer qHalt);
}
