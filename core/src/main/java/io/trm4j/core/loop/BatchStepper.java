package io.trm4j.core.loop;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The rows in the cell and their bookkeeping, one step at a time: runs {@link #admit} their rows
 * at any step boundary (appended after the live ones), every {@link #step} is one cell call for
 * all live rows, and a row leaves as soon as its run's halting policy stops it (compacted out of
 * the next call). Rows of one run stay contiguous and in order. Not thread-safe: one driver.
 */
final class BatchStepper {
    /** One live row: its run, its index in the run and its last two predictions. */
    private static final class Slot {
        final PendingRun run;
        final int row;
        int[] prediction;
        int[] previous;
        int unchanged;
        final List<StepRecord> trace;

        Slot(PendingRun run, int row, int seqLen) {
            this.run = run;
            this.row = row;
            this.prediction = new int[seqLen];
            this.previous = new int[seqLen];
            this.trace = run.settings().trace() ? new ArrayList<>(run.settings().maxSteps()) : List.of();
        }
    }

    private final Cell cell;
    private final CellShape shape;
    private final List<Slot> slots = new ArrayList<>();
    private int[] keep = new int[0];
    private int[] liveRows = new int[0];

    BatchStepper(Cell cell) {
        this.cell = requireNonNull(cell, "cell is null");
        this.shape = cell.shape();
    }

    /** Rows in the batch. */
    int rows() {
        return slots.size();
    }

    /** Puts the run's rows into the cell after the live ones (a fresh start when none is live). */
    void admit(PendingRun run) {
        EncodedBatch b = run.batch();
        if (slots.isEmpty()) {
            cell.start(b.tokens(), b.puzzleIds(), run.init());
        } else {
            cell.admit(b.tokens(), b.puzzleIds(), run.init());
        }
        for (int r = 0; r < run.rows(); r++) {
            slots.add(new Slot(run, r, shape.seqLen()));
        }
    }

    /**
     * One cell call for every live row; rows that halt finish their run, rows of failed runs are
     * dropped. A cell failure propagates with the rows still in place: the caller fails them.
     *
     * @param listener sees the raw outputs (only meaningful when one run is in the batch; may be null)
     */
    void step(StepListener listener) {
        int n = slots.size();
        if (n == 0) {
            return;
        }
        cell.step();
        FloatBuffer logits = cell.logits();
        FloatBuffer qHalt = cell.qHalt();
        int l = shape.seqLen();
        int v = shape.vocabSize();
        if (keep.length < n) {
            keep = new int[n];
            liveRows = new int[n];
        }
        PendingRun current = null;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            Slot s = slots.get(i);
            if (s.run != current) { // rows of a run are contiguous: a new run starts here
                if (current != null) {
                    current.reportProgress();
                }
                current = s.run;
                current.beginStep();
            }
            current.countRow();
            if (listener != null) {
                liveRows[i] = s.row;
            }
            if (current.isDone()) {
                continue; // failed: its rows leave
            }
            int step = current.step();
            LoopSettings settings = current.settings();
            int[] swap = s.previous;
            s.previous = s.prediction;
            s.prediction = swap;
            RecursionLoop.argmax(logits, i * l * v, l, v, s.prediction);
            s.unchanged = step > 1 && Arrays.equals(s.prediction, s.previous) ? s.unchanged + 1 : 0;
            float q = qHalt.get(i);
            float confidence = RecursionLoop.sigmoid(q);
            if (settings.trace()) {
                s.trace.add(new StepRecord(step, s.prediction.clone(), confidence));
            }
            // A policy halt on the last step still reports the policy's reason.
            HaltReason reason = settings.halting().decide(q, s.unchanged);
            if (reason == null && step == settings.maxSteps()) {
                reason = HaltReason.MAX_STEPS;
            }
            if (reason != null) {
                s.run.finish(s.row, finish(logits, i, l * v, s, confidence, step, reason));
            } else {
                keep[kept++] = i;
            }
        }
        current.reportProgress();
        if (listener != null) {
            listener.onStep(current.step(), liveRows, n, logits, qHalt);
        }
        compact(kept, n);
    }

    private void compact(int kept, int n) {
        if (kept == n) {
            return;
        }
        if (kept > 0) {
            cell.compact(keep, kept);
        }
        for (int i = 0; i < kept; i++) {
            slots.set(i, slots.get(keep[i]));
        }
        slots.subList(kept, n).clear();
    }

    /** Forgets every row (after a failure): the next admission starts the cell afresh. */
    void clear() {
        slots.clear();
    }

    private static RowResult finish(FloatBuffer logits, int position, int rowFloats, Slot s, float confidence,
                                    int steps, HaltReason reason) {
        float[] rowLogits = new float[rowFloats];
        logits.get(position * rowFloats, rowLogits);
        return new RowResult(rowLogits, s.prediction.clone(), confidence, steps, reason, s.trace);
    }
}
