package io.trm4j.cli.serve;

import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

/** One input in a {@link MicroBatcher}, with its options, when it was queued and its caller's future. */
record QueuedInput<I, O>(I input, ReasonOptions options, long enqueuedNanos,
                         CompletableFuture<BatchResult<O>> future) {

    /**
     * Runs {@code jobs} (equal options) as one batch and completes each caller's future. Callers
     * that gave up (their future is done) are skipped; when the batch fails, each input is rerun
     * alone, so that only the caller whose input caused it gets the error.
     */
    static <I, O> void run(List<QueuedInput<I, O>> jobs, BatchRunner<I, O> runner, IntConsumer onBatch,
                           LongSupplier nanoClock) {
        List<QueuedInput<I, O>> live = new ArrayList<>(jobs.size());
        for (QueuedInput<I, O> j : jobs) {
            if (!j.future().isDone()) { // a caller that timed out cancelled its future: skip its row
                live.add(j);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        onBatch.accept(live.size());
        long start = nanoClock.getAsLong();
        List<I> inputs = new ArrayList<>(live.size());
        live.forEach(j -> inputs.add(j.input()));
        try {
            List<Reasoning<O>> results = runner.run(inputs, live.get(0).options());
            for (int i = 0; i < live.size(); i++) {
                QueuedInput<I, O> j = live.get(i);
                j.future().complete(new BatchResult<>(results.get(i), start - j.enqueuedNanos(), live.size()));
            }
        } catch (RuntimeException e) {
            if (live.size() == 1) {
                live.get(0).future().completeExceptionally(e);
            } else {
                // One bad input must not fail its batch-mates: rerun each alone so only it fails.
                live.forEach(j -> run(List.of(j), runner, onBatch, nanoClock));
            }
        } catch (Throwable t) { // an Error: fail the callers, then let the worker die loudly
            live.forEach(j -> j.future().completeExceptionally(t));
            throw t;
        }
    }
}
