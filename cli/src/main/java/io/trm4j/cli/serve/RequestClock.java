package io.trm4j.cli.serve;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The time a request's timeout is measured on: {@link #SYSTEM} in service, a clock a test moves by
 * hand in tests (so that a test shows a 504 comes when the time is up without reading a wall clock).
 */
public interface RequestClock {
    /** Nanoseconds on this clock (only differences mean anything). */
    long nanoTime();

    /** Completes once {@code nanos} have passed on this clock from now. */
    CompletableFuture<Void> after(long nanos);

    RequestClock SYSTEM = new RequestClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public CompletableFuture<Void> after(long nanos) {
            Executor later = CompletableFuture.delayedExecutor(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            return CompletableFuture.runAsync(() -> { }, later);
        }
    };
}
