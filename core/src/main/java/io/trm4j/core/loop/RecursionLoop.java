package io.trm4j.core.loop;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HaltReason;
import io.trm4j.core.head.RowResult;
import io.trm4j.core.head.StepRecord;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The loop in Java: up to {@code maxSteps} supervision steps over a batch, one cell call per
 * step for the rows still live; each row halts by the policy and halted rows are compacted out
 * of the next call. Per-row bookkeeping is allocated once per run, not per step (tracing copies
 * each step's prediction, by definition). Not thread-safe: one run at a time per cell.
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
        requireNonNull(batch, "batch is null");
        requireNonNull(start, "start is null");
        requireNonNull(settings, "settings is null");
        CellShape shape = cell.shape();
        int rows = batch.rows();
        int l = shape.seqLen();
        int v = shape.vocabSize();
        int maxSteps = settings.maxSteps();
        HaltingPolicy policy = settings.halting();

        int[] live = new int[rows];          // original row index of each buffer position
        int[] keep = new int[rows];          // scratch for compaction
        int[][] prediction = new int[rows][l];
        int[][] previous = new int[rows][l];
        int[] unchanged = new int[rows];
        List<List<StepRecord>> traces = new ArrayList<>(rows);
        RowResult[] results = new RowResult[rows];
        for (int r = 0; r < rows; r++) {
            live[r] = r;
            traces.add(settings.trace() ? new ArrayList<>(maxSteps) : List.of());
        }
        int liveCount = rows;

        cell.start(batch.tokens(), batch.puzzleIds(), start);
        for (int step = 1; step <= maxSteps && liveCount > 0; step++) {
            cell.step();
            FloatBuffer logits = cell.logits();
            FloatBuffer qHalt = cell.qHalt();
            if (listener != null) {
                listener.onStep(step, live, liveCount, logits, qHalt);
            }
            int kept = 0;
            for (int i = 0; i < liveCount; i++) {
                int row = live[i];
                int[] swap = previous[row];
                previous[row] = prediction[row];
                prediction[row] = swap;
                argmax(logits, i * l * v, l, v, prediction[row]);
                unchanged[row] = step > 1 && Arrays.equals(prediction[row], previous[row]) ? unchanged[row] + 1 : 0;
                float q = qHalt.get(i);
                float confidence = sigmoid(q);
                if (settings.trace()) {
                    traces.get(row).add(new StepRecord(step, prediction[row].clone(), confidence));
                }
                // A policy halt on the last step still reports the policy's reason.
                HaltReason reason = policy.decide(q, unchanged[row]);
                if (reason == null && step == maxSteps) {
                    reason = HaltReason.MAX_STEPS;
                }
                if (reason != null) {
                    results[row] = finish(logits, i, l * v, prediction[row], confidence, step, reason, traces.get(row));
                } else {
                    keep[kept++] = i;
                }
            }
            if (kept > 0 && kept < liveCount) {
                cell.compact(keep, kept);
                for (int i = 0; i < kept; i++) {
                    live[i] = live[keep[i]];
                }
            }
            int ran = liveCount;
            liveCount = kept;
            settings.progress().onStep(step, maxSteps, ran);
        }
        return List.of(results);
    }

    /** The model's initial state. */
    public InitState init() {
        return init;
    }

    private static RowResult finish(FloatBuffer logits, int position, int rowFloats, int[] prediction,
                                    float confidence, int steps, HaltReason reason, List<StepRecord> trace) {
        float[] rowLogits = new float[rowFloats];
        logits.get(position * rowFloats, rowLogits);
        return new RowResult(rowLogits, prediction.clone(), confidence, steps, reason, trace);
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
