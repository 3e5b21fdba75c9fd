package io.trm4j.bench.harness;

import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.FloatBuffer;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * A {@link Cell} that delegates everything and adds up the wall time spent inside
 * {@link #step()}, i.e. inside the native session run. Subtracting that from the time of a whole
 * loop run leaves the loop's own cost (argmax, halting bookkeeping, start, result building).
 * Only {@code step()} is timed: {@code start()} and {@code compact()} move state in Java-side
 * buffers and belong to the loop's overhead. Not thread-safe, like the cell it wraps.
 */
public final class TimedCell implements Cell {
    private final Cell delegate;
    private final LongSupplier nanoClock;
    private long stepNanos;
    private long steps;

    public TimedCell(Cell delegate) {
        this(delegate, System::nanoTime);
    }

    /** Reads the time from {@code nanoClock} (tests pass a counter, so no assertion depends on real time). */
    public TimedCell(Cell delegate, LongSupplier nanoClock) {
        this.delegate = requireNonNull(delegate, "delegate is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
    }

    /** Nanoseconds spent inside {@code step()} since construction or the last {@link #reset()}. */
    public long stepNanos() {
        return stepNanos;
    }

    /** {@code step()} calls since construction or the last {@link #reset()}. */
    public long steps() {
        return steps;
    }

    public void reset() {
        stepNanos = 0;
        steps = 0;
    }

    @Override
    public CellShape shape() {
        return delegate.shape();
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        delegate.start(tokens, puzzleIds, init);
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        delegate.admit(tokens, puzzleIds, init);
    }

    @Override
    public void step() {
        long t0 = nanoClock.getAsLong();
        try {
            delegate.step();
        } finally {
            // Counted even when the step throws, so a failed run still reports where time went.
            stepNanos += nanoClock.getAsLong() - t0;
            steps++;
        }
    }

    @Override
    public int batchSize() {
        return delegate.batchSize();
    }

    @Override
    public FloatBuffer logits() {
        return delegate.logits();
    }

    @Override
    public FloatBuffer qHalt() {
        return delegate.qHalt();
    }

    @Override
    public FloatBuffer y() {
        return delegate.y();
    }

    @Override
    public FloatBuffer z() {
        return delegate.z();
    }

    @Override
    public void compact(int[] keep, int count) {
        delegate.compact(keep, count);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
