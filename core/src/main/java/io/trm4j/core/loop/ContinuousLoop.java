package io.trm4j.core.loop;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Continuous (iteration-level) batching: loop runs from many threads share one cell. A run joins
 * the batch at the next step boundary, even while other runs are halfway through, and each row
 * leaves as soon as its own run's halting policy stops it, so the batch refills as it drains
 * instead of waiting for its slowest row. Each run keeps its own settings (max steps, halting,
 * trace) and initial state, and gets exactly the rows it would get alone, up to float rounding
 * of a different batch size.
 *
 * <p>There is no worker thread: a caller whose run is unfinished and who finds nobody driving
 * drives the shared batch (admit, step, finish) until its own run is done, then hands over to
 * a caller whose run is still live. Only the driver touches the cell. Runs are admitted in
 * arrival order while the batch holds fewer than {@code maxRows} rows; a larger run runs alone.
 */
public final class ContinuousLoop {
    private final Cell cell;
    private final CellShape shape;
    private final int maxRows;
    private final String closedMessage;
    private final BatchStepper stepper;
    /** Runs with rows in the batch and not yet reported finished (driver only). */
    private final List<PendingRun> inBatch = new ArrayList<>();
    private final Object monitor = new Object();
    private final ArrayDeque<PendingRun> waiting = new ArrayDeque<>(); // guarded by monitor
    private boolean driving; // guarded by monitor
    private boolean closed; // guarded by monitor
    /** Runs submitted and not done (waiting or in the batch); guarded by monitor. */
    private int unfinished;

    /** @param closedMessage what a run submitted after {@link #close()} fails with */
    public ContinuousLoop(Cell cell, int maxRows, String closedMessage) {
        this.cell = requireNonNull(cell, "cell is null");
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be >= 1, got " + maxRows);
        }
        this.shape = cell.shape();
        this.maxRows = maxRows;
        this.closedMessage = requireNonNull(closedMessage, "closedMessage is null");
        this.stepper = new BatchStepper(cell);
    }

    /**
     * Runs {@code batch} from {@code init} and returns its rows' results in input order; blocks
     * until they finish (sharing cell calls with concurrent runs) or the run fails.
     *
     * @throws TrmException when the loop is closed, or a row does not fit the cell
     */
    public List<RowResult> run(EncodedBatch batch, LoopSettings settings, InitState init) {
        check(batch, init);
        if (batch.rows() == 0) {
            return List.of();
        }
        PendingRun run = new PendingRun(batch, settings, init);
        synchronized (monitor) {
            if (closed) {
                throw new TrmException(closedMessage);
            }
            waiting.add(run);
            unfinished++;
        }
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (monitor) {
                    while (!run.isDone() && driving) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // rows in the batch cannot be taken back: finish, then re-flag
                        }
                    }
                    if (run.isDone()) {
                        return run.results();
                    }
                    driving = true;
                }
                try {
                    drive(run);
                } finally {
                    synchronized (monitor) {
                        driving = false;
                        monitor.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A row the cell would reject fails its own caller here, never a shared step. */
    private void check(EncodedBatch batch, InitState init) {
        requireNonNull(batch, "batch is null");
        requireNonNull(init, "init is null");
        shape.checkRows(batch.tokens(), init);
    }

    /** Steps the shared batch until {@code mine} is done; other runs finish along the way. */
    private void drive(PendingRun mine) {
        while (!mine.isDone()) {
            List<PendingRun> finished = new ArrayList<>();
            try {
                admitWaiting(finished);
                stepper.step(null);
                for (Iterator<PendingRun> it = inBatch.iterator(); it.hasNext(); ) {
                    PendingRun r = it.next();
                    if (r.isDone()) {
                        finished.add(r);
                        it.remove();
                    }
                }
            } catch (RuntimeException e) {
                failBatch(e, finished);
            } catch (Error e) { // fail the callers, then let the error surface here
                failBatch(new TrmException("cell step failed: " + e, e), finished);
                done(finished);
                throw e;
            }
            done(finished);
        }
    }

    /** Admits waiting runs in arrival order while they fit; a run whose admission fails is finished. */
    private void admitWaiting(List<PendingRun> finished) {
        while (true) {
            PendingRun next;
            synchronized (monitor) {
                next = waiting.peek();
                if (next == null || (stepper.rows() > 0 && stepper.rows() + next.rows() > maxRows)) {
                    return;
                }
                waiting.poll();
            }
            try {
                stepper.admit(next);
                inBatch.add(next);
            } catch (RuntimeException e) {
                next.fail(e);
                finished.add(next);
                if (cell.batchSize() != stepper.rows()) { // the cell lost track of the live rows
                    failBatch(e, finished);
                }
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
        stepper.clear();
    }

    private void done(List<PendingRun> finished) {
        if (finished.isEmpty()) {
            return;
        }
        synchronized (monitor) {
            unfinished -= finished.size();
            monitor.notifyAll();
        }
    }

    /** Runs submitted and not yet admitted to the batch (tests). */
    int waitingRuns() {
        synchronized (monitor) {
            return waiting.size();
        }
    }

    /**
     * Stops taking runs and waits until every submitted run has finished (their callers drive
     * them to the end); the cell stays open: its owner closes it after this returns. Idempotent.
     */
    public void close() {
        boolean interrupted = false;
        synchronized (monitor) {
            closed = true;
            while (unfinished > 0) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
