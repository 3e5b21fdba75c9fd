package io.trm4j.core.loop;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;

import java.nio.FloatBuffer;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One loop run's rows while they are in a shared batch: its settings, initial state and step
 * listener, the results of the rows that finished, and its failure if it failed. Its rows join
 * the batch together, so they share one step count. Written by the thread driving the batch;
 * read by the run's caller only after the driver's hand-off (the monitor in {@link RunQueue}).
 */
final class PendingRun {
    private final EncodedBatch batch;
    private final LoopSettings settings;
    private final InitState init;
    private final StepListener listener;
    private final RowResult[] results;
    /** Volatile: a caller that sees 0 here also sees every result written before (no monitor needed). */
    private volatile int remaining;
    private volatile RuntimeException failure;
    /** Steps this run's rows have taken. */
    private int step;
    /** Rows of this run in the current step's cell call. */
    private int ran;
    /** Where this run's rows start in the current step's cell call. */
    private int first;
    /** The listener's view of which rows ran this step, in buffer order (allocated only for a listener). */
    private final int[] ranRows;

    /** @param listener may be null */
    PendingRun(EncodedBatch batch, LoopSettings settings, InitState init, StepListener listener) {
        this.batch = requireNonNull(batch, "batch is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.init = requireNonNull(init, "init is null");
        this.listener = listener;
        this.results = new RowResult[batch.rows()];
        this.remaining = batch.rows();
        this.ranRows = listener == null ? null : new int[batch.rows()];
    }

    EncodedBatch batch() {
        return batch;
    }

    LoopSettings settings() {
        return settings;
    }

    InitState init() {
        return init;
    }

    int rows() {
        return results.length;
    }

    int step() {
        return step;
    }

    boolean isDone() {
        return remaining == 0 || failure != null;
    }

    /** Called once per step before its rows are looked at; they start at {@code position} in the cell. */
    void beginStep(int position) {
        step++;
        ran = 0;
        first = position;
    }

    /** Row {@code row} of this run was in this step's cell call. */
    void countRow(int row) {
        if (ranRows != null) {
            ranRows[ran] = row;
        }
        ran++;
    }

    /**
     * Tells the run's progress listener about the step, then its step listener this run's rows of
     * {@code logits} and {@code qHalt}; a throwing listener fails only this run.
     */
    void endStep(FloatBuffer logits, FloatBuffer qHalt, int rowFloats) {
        try {
            settings.progress().onStep(step, settings.maxSteps(), ran);
        } catch (RuntimeException e) {
            fail(e);
        }
        if (listener != null) {
            try {
                listener.onStep(step, ranRows, ran, logits.slice(first * rowFloats, ran * rowFloats),
                        qHalt.slice(first, ran));
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    void finish(int row, RowResult result) {
        results[row] = result;
        remaining = remaining - 1; // only the driver writes
    }

    /** The first failure wins; rows still in the batch are dropped at the next step. */
    void fail(RuntimeException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** The rows' results in input order, or the run's failure thrown. */
    List<RowResult> results() {
        if (failure != null) {
            throw failure;
        }
        if (remaining != 0) {
            throw new IllegalStateException(remaining + " rows of the run have not finished");
        }
        return List.of(results);
    }
}
