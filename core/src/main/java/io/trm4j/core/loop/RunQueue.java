package io.trm4j.core.loop;

import io.trm4j.core.TrmException;

import java.util.ArrayDeque;

/**
 * Who drives a {@link ContinuousLoop}'s shared batch and who waits: the runs waiting to join, in
 * arrival order, the one driver, and closing. A caller drives only when nobody else does; a driver
 * whose own run is done hands over to a caller whose run is still live.
 */
final class RunQueue {
    private final String closedMessage;
    private final Object monitor = new Object();
    private final ArrayDeque<PendingRun> waiting = new ArrayDeque<>(); // guarded by monitor
    private boolean driving; // guarded by monitor
    private boolean closed; // guarded by monitor
    /** Runs submitted and not done (waiting or in the batch); guarded by monitor. */
    private int unfinished;

    RunQueue(String closedMessage) {
        this.closedMessage = closedMessage;
    }

    /** @throws TrmException when the loop is closed */
    void submit(PendingRun run) {
        synchronized (monitor) {
            if (closed) {
                throw new TrmException(closedMessage);
            }
            waiting.add(run);
            unfinished++;
        }
    }

    /**
     * Blocks until {@code run} is done, running {@code driver} whenever nobody else drives. An
     * interrupt cannot take rows back out of the batch: the run finishes, then the flag is set again.
     */
    void driveUntilDone(PendingRun run, Runnable driver) {
        boolean interrupted = false;
        try {
            while (true) {
                synchronized (monitor) {
                    while (!run.isDone() && driving) {
                        try {
                            monitor.wait();
                        } catch (InterruptedException e) {
                            interrupted = true;
                        }
                    }
                    if (run.isDone()) {
                        return;
                    }
                    driving = true;
                }
                try {
                    driver.run();
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

    /**
     * The next waiting run if it fits beside {@code liveRows} rows (any run fits an empty batch),
     * taken off the queue; else null.
     */
    PendingRun nextToAdmit(int liveRows, int maxRows) {
        synchronized (monitor) {
            PendingRun next = waiting.peek();
            if (next == null || (liveRows > 0 && (long) liveRows + next.rows() > maxRows)) {
                return null;
            }
            return waiting.poll();
        }
    }

    /** {@code count} runs are done: their callers may return, and {@link #close()} may too. */
    void finished(int count) {
        if (count == 0) {
            return;
        }
        synchronized (monitor) {
            unfinished -= count;
            monitor.notifyAll();
        }
    }

    int waitingRuns() {
        synchronized (monitor) {
            return waiting.size();
        }
    }

    /** Stops taking runs and waits until every submitted run has finished. Idempotent. */
    void close() {
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
