package io.trm4j.core.loop;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The recursion loop: up to {@code maxSteps} supervision steps over a batch of rows, one cell
 * call per step for every live row. After each call every row reads its prediction (argmax) and
 * confidence ({@code sigmoid(q_halt)}), records them when tracing, and halts by its run's policy;
 * halted rows are compacted out of the next call. {@link #drive} is the loop, {@link #step} one
 * turn of it.
 *
 * <p>Runs from many threads share the one cell (continuous, iteration-level batching): a run's
 * rows join the batch at the next step boundary, even while other runs are halfway through, and
 * each row leaves as soon as its own run's policy stops it, so the batch refills as it drains
 * instead of waiting for its slowest row. Each run keeps its own settings, initial state and
 * {@link StepListener}, and gets exactly the rows it would get alone, up to float rounding of a
 * different batch size.
 *
 * <p>There is no worker thread: a caller whose run is unfinished and who finds nobody driving
 * drives the shared batch until its own run is done, then hands over ({@link RunQueue}). Only
 * the driver touches the cell and the live rows. Runs are admitted in arrival order while the
 * batch holds fewer than {@code maxRows} rows; a larger run runs alone. Per-row bookkeeping is
 * allocated once per run, not per step (tracing copies each step's prediction, by definition).
 */
public final class ContinuousLoop {
    private final Cell cell;
    private final CellShape shape;
    private final int maxRows;
    private final RunQueue queue;
    /** The rows in the cell, in the cell's order; a run's rows are contiguous (driver only). */
    private final List<LiveRow> rows = new ArrayList<>();
    /** Runs with rows in the batch and not yet reported finished (driver only). */
    private final List<PendingRun> inBatch = new ArrayList<>();
    /** Positions of the rows that stay after a step (driver only; grows, never shrinks). */
    private int[] keep = new int[0];

    /** @param closedMessage what a run submitted after {@link #close()} fails with */
    public ContinuousLoop(Cell cell, int maxRows, String closedMessage) {
        this.cell = requireNonNull(cell, "cell is null");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        this.shape = cell.shape();
        this.maxRows = maxRows;
        this.queue = new RunQueue(requireNonNull(closedMessage, "closedMessage is null"));
    }

    /** A loop with no cap on the rows that share a call: for one caller at a time (tests, benchmarks). */
    public ContinuousLoop(Cell cell) {
        this(cell, Integer.MAX_VALUE, "the loop is closed");
    }

    /** {@link #run(EncodedBatch, LoopSettings, InitState, StepListener)} with no step listener. */
    public List<RowResult> run(EncodedBatch batch, LoopSettings settings, InitState init) {
        return run(batch, settings, init, null);
    }

    /**
     * Runs {@code batch} from {@code init} (the model's initial state, or a perturbed one) and
     * returns its rows' results in input order; blocks until they finish (sharing cell calls with
     * concurrent runs) or the run fails.
     *
     * @param listener sees this run's raw outputs after each step (may be null; parity tests use it)
     * @throws TrmException when the loop is closed, or a row does not fit the cell
     */
    public List<RowResult> run(EncodedBatch batch, LoopSettings settings, InitState init, StepListener listener) {
        requireNonNull(batch, "batch is null");
        requireNonNull(init, "init is null");
        shape.checkRows(batch.tokens(), init); // a row the cell would reject fails its caller, never a shared step
        if (batch.rows() == 0) {
            return List.of();
        }
        PendingRun run = new PendingRun(batch, settings, init, listener);
        queue.submit(run);
        queue.driveUntilDone(run, () -> drive(run));
        return run.results();
    }

    /** The loop: steps the shared batch until {@code mine} is done; other runs finish along the way. */
    private void drive(PendingRun mine) {
        while (!mine.isDone()) {
            List<PendingRun> finished = new ArrayList<>();
            try {
                admitWaitingRuns(finished);
                if (!rows.isEmpty()) {
                    step();
                }
                takeFinishedRuns(finished);
            } catch (RuntimeException e) {
                failBatch(e, finished);
            } catch (Error e) { // fail the callers, then let the error surface here
                failBatch(new TrmException("cell step failed: " + e, e), finished);
                queue.finished(finished.size());
                throw e;
            }
            queue.finished(finished.size());
        }
    }

    /**
     * One supervision step: one cell call for every live row, then per row its prediction,
     * confidence, trace and halting; halted rows finish their run and leave the batch. A cell
     * failure propagates with the rows still in place: {@link #drive} fails their runs.
     */
    private void step() {
        cell.step();
        FloatBuffer logits = cell.logits();
        FloatBuffer qHalt = cell.qHalt();
        int n = rows.size();
        if (keep.length < n) {
            keep = new int[n];
        }
        int kept = 0;
        PendingRun run = null;
        for (int i = 0; i < n; i++) {
            LiveRow row = rows.get(i);
            if (row.run != run) { // a run's rows are contiguous: its step starts here
                if (run != null) {
                    run.endStep(logits, qHalt, shape.logitFloats());
                }
                run = row.run;
                run.beginStep(i);
            }
            run.countRow(row.index);
            if (run.isDone()) {
                continue; // failed: its rows leave
            }
            int step = run.step();
            LoopSettings settings = run.settings();
            row.predict(logits, i * shape.logitFloats(), shape.seqLen(), shape.vocabSize(), step);
            float q = qHalt.get(i);
            float confidence = sigmoid(q);
            if (settings.trace()) {
                row.trace.add(new StepRecord(step, row.prediction.clone(), confidence));
            }
            // A policy halt on the last step still reports the policy's reason.
            HaltReason reason = settings.halting().decide(q, row.unchanged);
            if (reason == null && step == settings.maxSteps()) {
                reason = HaltReason.MAX_STEPS;
            }
            if (reason != null) {
                run.finish(row.index, result(logits, i, row, confidence, step, reason));
            } else {
                keep[kept++] = i;
            }
        }
        run.endStep(logits, qHalt, shape.logitFloats());
        compact(kept, n);
    }

    /** Rows join at a step boundary: waiting runs in arrival order while they fit. */
    private void admitWaitingRuns(List<PendingRun> finished) {
        PendingRun next;
        while ((next = queue.nextToAdmit(rows.size(), maxRows)) != null) {
            try {
                admit(next);
                inBatch.add(next);
            } catch (RuntimeException e) { // the run fails alone, unless the cell lost track of the live rows
                next.fail(e);
                finished.add(next);
                if (cell.batchSize() != rows.size()) {
                    failBatch(e, finished);
                }
            }
        }
    }

    /** Puts the run's rows into the cell after the live ones (a fresh start when none is live). */
    private void admit(PendingRun run) {
        EncodedBatch b = run.batch();
        if (rows.isEmpty()) {
            cell.start(b.tokens(), b.puzzleIds(), run.init());
        } else {
            cell.admit(b.tokens(), b.puzzleIds(), run.init());
        }
        for (int r = 0; r < run.rows(); r++) {
            rows.add(new LiveRow(run, r, shape.seqLen()));
        }
    }

    /** Halted rows leave: the cell and the live rows keep positions {@code keep[0..kept)}. */
    private void compact(int kept, int n) {
        if (kept == n) {
            return;
        }
        if (kept > 0) {
            cell.compact(keep, kept);
        }
        for (int i = 0; i < kept; i++) {
            rows.set(i, rows.get(keep[i]));
        }
        rows.subList(kept, n).clear();
    }

    private void takeFinishedRuns(List<PendingRun> finished) {
        for (Iterator<PendingRun> it = inBatch.iterator(); it.hasNext(); ) {
            PendingRun r = it.next();
            if (r.isDone()) {
                finished.add(r);
                it.remove();
            }
        }
    }

    /** Every run in the batch fails with {@code e}; the cell starts afresh at the next admission. */
    private void failBatch(RuntimeException e, List<PendingRun> finished) {
        for (PendingRun r : inBatch) {
            if (!r.isDone()) { // a run whose rows all finished before the failure keeps its results
                r.fail(e);
            }
            finished.add(r);
        }
        inBatch.clear();
        rows.clear();
    }

    /** A halted row's result: its final logits copied out of the cell's reused buffer. */
    private RowResult result(FloatBuffer logits, int position, LiveRow row, float confidence, int steps,
                             HaltReason reason) {
        float[] rowLogits = new float[shape.logitFloats()];
        logits.get(position * rowLogits.length, rowLogits);
        return new RowResult(rowLogits, row.prediction.clone(), confidence, steps, reason, row.trace);
    }

    /** Runs submitted and not yet admitted to the batch (tests). */
    int waitingRuns() {
        return queue.waitingRuns();
    }

    /**
     * Stops taking runs and waits until every submitted run has finished (their callers drive
     * them to the end); the cell stays open: its owner closes it after this returns. Idempotent.
     */
    public void close() {
        queue.close();
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

    /** The confidence a halting logit stands for. */
    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /** One row in the batch: its run, its index in the run, its last two predictions and its trace. */
    private static final class LiveRow {
        final PendingRun run;
        final int index;
        final List<StepRecord> trace;
        int[] prediction;
        int[] previous;
        /** Consecutive steps the prediction has not changed (0 when it just changed). */
        int unchanged;

        LiveRow(PendingRun run, int index, int seqLen) {
            this.run = run;
            this.index = index;
            this.prediction = new int[seqLen];
            this.previous = new int[seqLen];
            this.trace = run.settings().trace() ? new ArrayList<>(run.settings().maxSteps()) : List.of();
        }

        /** Reads this step's prediction (the old one is kept to compare) and counts how long it has held. */
        void predict(FloatBuffer logits, int offset, int l, int v, int step) {
            int[] swap = previous;
            previous = prediction;
            prediction = swap;
            argmax(logits, offset, l, v, prediction);
            unchanged = step > 1 && Arrays.equals(prediction, previous) ? unchanged + 1 : 0;
        }
    }
}
