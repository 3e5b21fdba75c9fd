package io.trm4j.cli.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A {@link RequestClock} that moves only when the test says: timeouts fire in {@link #advance}. */
final class ManualClock implements RequestClock {
    private record Timer(long due, CompletableFuture<Void> fired) {
    }

    private final List<Timer> timers = new ArrayList<>(); // guarded by this
    private long now; // guarded by this

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized CompletableFuture<Void> after(long nanos) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        timers.add(new Timer(now + Math.max(0, nanos), f));
        notifyAll();
        return f;
    }

    /** Moves the clock on and fires the timers that are due. */
    void advance(long amount, TimeUnit unit) {
        List<CompletableFuture<Void>> due = new ArrayList<>();
        synchronized (this) {
            now += unit.toNanos(amount);
            timers.removeIf(t -> t.due() <= now && due.add(t.fired()));
        }
        due.forEach(f -> f.complete(null));
    }

    /** Waits until {@code n} timers are set and not yet fired (requests waiting for their answer). */
    synchronized void awaitTimers(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (timers.stream().filter(t -> !t.fired().isDone()).count() < n) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "never " + n + " requests waiting on the clock");
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
