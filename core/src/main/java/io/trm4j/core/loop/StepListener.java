package io.trm4j.core.loop;

import java.nio.FloatBuffer;

/**
 * Sees one run's raw outputs after each step (parity tests, debugging): only that run's rows,
 * even when other runs share the cell call. The buffers are views of the loop's reused native
 * memory, valid only during the call: copy what you keep. A throwing listener fails its run.
 */
@FunctionalInterface
public interface StepListener {
    /**
     * @param step     the step just run (1-based)
     * @param liveRows the run's row indices of its rows in this call, in buffer order
     * @param liveCount how many entries of {@code liveRows} are valid
     * @param logits   {@code [liveCount][L][V]}
     * @param qHalt    {@code [liveCount]}
     */
    void onStep(int step, int[] liveRows, int liveCount, FloatBuffer logits, FloatBuffer qHalt);
}
