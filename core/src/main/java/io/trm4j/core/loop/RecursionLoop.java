package io.trm4j.core.loop;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;

import java.nio.FloatBuffer;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The loop in Java: up to {@code maxSteps} supervision steps over a batch, one cell call per
 * step for the rows still live; each row halts by the policy and halted rows are compacted out
 * of the next call ({@link BatchStepper}). Per-row bookkeeping is allocated once per run, not per
 * step (tracing copies each step's prediction, by definition). Not thread-safe: one run at a time
 * per cell; {@link ContinuousLoop} is the thread-safe loop whose runs share cell calls.
 */
public final class RecursionLoop {
    private final Cell cell;
    private final InitState init;

    public RecursionLoop(Cell cell, InitState init) {
        this.cell = requireNonNull(cell, "cell is null");
        this.init = requireNonNull(init, "init is null");
    }

    public List<RowResult> run(EncodedBatch batch, LoopSettings settings) {
        return run(batch, settings, null);
    }

    /**
     * @param listener sees each step's raw outputs (may be null; parity tests use it)
     * @return one result per row, in input order
     */
    public List<RowResult> run(EncodedBatch batch, LoopSettings settings, StepListener listener) {
        return run(batch, settings, listener, init);
    }

    /**
     * Like {@link #run(EncodedBatch, LoopSettings, StepListener)} from another initial state than the
     * model's (search {@code restarts} perturbs it).
     */
    public List<RowResult> run(EncodedBatch batch, LoopSettings settings, StepListener listener, InitState start) {
        PendingRun run = new PendingRun(batch, settings, start);
        BatchStepper stepper = new BatchStepper(cell);
        stepper.admit(run);
        while (!run.isDone()) {
            stepper.step(listener);
        }
        return run.results();
    }

    /** The model's initial state. */
    public InitState init() {
        return init;
    }

    /** Argmax over the last axis of {@code [L][V]} starting at {@code offset}; first maximum wins (like torch). */
    static void argmax(FloatBuffer logits, int offset, int l, int v, int[] out) {
        for (int p = 0; p < l; p++) {
            int base = offset + p * v;
            int best = 0;
            float bestValue = logits.get(base);
            for (int t = 1; t < v; t++) {
                float x = logits.get(base + t);
                if (x > bestValue) {
                    bestValue = x;
                    best = t;
                }
            }
            out[p] = best;
        }
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
