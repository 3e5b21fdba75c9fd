package io.trm4j.cli.serve;

import io.trm4j.core.ReasonOptions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Dynamic micro-batching: callers on many threads {@link #submit} one input each (or a batch
 * request's inputs together, {@link #submitAll}); a single worker
 * thread gathers what arrives within {@code maxWait} of the oldest waiting input (or until
 * {@code maxBatch} inputs) into one {@code reasonAll} call (it waits only while inputs arrive
 * less than {@code maxWait} apart on average; otherwise it takes what is already queued), so concurrent requests share one
 * cell call per step (rows leave the batch as they halt). Only inputs with equal {@link ReasonOptions}
 * share a batch: max_steps, halting and trace apply to the whole loop run. One worker gathers.
 * Static batching ({@code maxRowsInFlight} 0): it runs each batch itself, to its end, before
 * gathering the next. Continuous: it hands each batch to a runner thread and gathers the next at
 * once, while fewer than {@code maxRowsInFlight} inputs are running; the reasoner's continuous
 * batching then adds their rows to the running batch at the next step, whatever their options,
 * instead of after the running batch's slowest row.
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
    private final BatchRunner<I, O> runner;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final int capacity;
    private final IntConsumer onBatch;
    /** Reads the time in nanoseconds: {@code System::nanoTime}, or a test's clock. */
    private final LongSupplier nanoClock;
    /** Permits for inputs running at once; null: the worker runs each batch itself. */
    private final Semaphore inFlight;
    private final ExecutorService runners;
    /** Submissions: one job, or up to maxBatch jobs of one {@link #submitAll} that reach the worker together. */
    private final LinkedBlockingQueue<List<QueuedInput<I, O>>> queue = new LinkedBlockingQueue<>();
    /** Inputs submitted and not yet running (queued or being gathered): what the capacity bounds. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final List<QueuedInput<I, O>> poison = new ArrayList<>(); // compared by identity
    private final Thread worker;
    private boolean closing; // guarded by this: no submit may slip in behind the poison
    private long lastSubmitNanos; // guarded by this
    /** Smoothed gap between submits: waiting pays only when batch-mates are likely to come. */
    private volatile long meanGapNanos;

    /** Static batching: one batch at a time, each to its end. */
    public MicroBatcher(BatchRunner<I, O> runner, int maxBatch, long maxWaitMillis, int capacity, IntConsumer onBatch) {
        this(runner, maxBatch, maxWaitMillis, capacity, 0, onBatch);
    }

    /**
     * @param capacity    inputs that may wait at once; beyond that {@link #submit} rejects
     * @param maxRowsInFlight inputs running at once, at least {@code maxBatch} (0: static batching,
     *                        one batch at a time)
     * @param onBatch     told each batch's size (metrics)
     */
    public MicroBatcher(BatchRunner<I, O> runner, int maxBatch, long maxWaitMillis, int capacity,
                        int maxRowsInFlight, IntConsumer onBatch) {
        this(runner, maxBatch, maxWaitMillis, capacity, maxRowsInFlight, onBatch, System::nanoTime);
    }

    /** As above, reading the time from {@code nanoClock} (tests pass a clock they move by hand). */
    MicroBatcher(BatchRunner<I, O> runner, int maxBatch, long maxWaitMillis, int capacity,
                 int maxRowsInFlight, IntConsumer onBatch, LongSupplier nanoClock) {
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.onBatch = requireNonNull(onBatch, "onBatch is null");
        if (maxBatch < 1 || maxWaitMillis < 0 || capacity < 1 || (maxRowsInFlight != 0 && maxRowsInFlight < maxBatch)) {
            throw new IllegalArgumentException("need maxBatch >= 1, maxWait >= 0, capacity >= 1, maxRowsInFlight 0 or"
                    + " >= maxBatch");
        }
        this.inFlight = maxRowsInFlight == 0 ? null : new Semaphore(maxRowsInFlight);
        this.runners = maxRowsInFlight == 0 ? null : Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "trm-batch");
            t.setDaemon(true);
            return t;
        });
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMillis);
        this.capacity = capacity;
        this.worker = new Thread(this::work, "trm-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues one input; the future completes with its own result (or the error its input caused). */
    public CompletableFuture<BatchResult<O>> submit(I input, ReasonOptions options) {
        return enqueue(List.of(input), options).get(0);
    }

    /**
     * Queues inputs that belong together (one batch request): they reach the worker at once, up to
     * {@code maxBatch} at a time, so they share loop runs even when the batcher would not wait for
     * batch-mates. All or none: when some do not fit, the ones already queued are cancelled.
     */
    public List<CompletableFuture<BatchResult<O>>> submitAll(List<I> inputs, ReasonOptions options) {
        List<CompletableFuture<BatchResult<O>>> futures = new ArrayList<>(inputs.size());
        try {
            for (int from = 0; from < inputs.size(); from += maxBatch) {
                futures.addAll(enqueue(inputs.subList(from, Math.min(inputs.size(), from + maxBatch)), options));
            }
        } catch (RuntimeException e) {
            futures.forEach(f -> f.cancel(false)); // the worker skips cancelled jobs
            throw e;
        }
        return futures;
    }

    private List<CompletableFuture<BatchResult<O>>> enqueue(List<I> inputs, ReasonOptions options) {
        requireNonNull(options, "options is null");
        inputs.forEach(in -> requireNonNull(in, "input is null"));
        synchronized (this) {
            if (closing) {
                throw new RejectedException("server is shutting down", false);
            }
            if (waiting.addAndGet(inputs.size()) > capacity) {
                waiting.addAndGet(-inputs.size());
                throw new RejectedException("queue full (" + capacity + " requests waiting)", true);
            }
            long now = nanoClock.getAsLong();
            long gap = now - lastSubmitNanos;
            meanGapNanos = lastSubmitNanos == 0 ? 0 : meanGapNanos == 0 ? gap : (meanGapNanos * 3 + gap) / 4;
            lastSubmitNanos = now;
            List<QueuedInput<I, O>> jobs = new ArrayList<>(inputs.size());
            List<CompletableFuture<BatchResult<O>>> futures = new ArrayList<>(inputs.size());
            for (I in : inputs) {
                QueuedInput<I, O> job = new QueuedInput<>(in, options, now, new CompletableFuture<>());
                jobs.add(job);
                futures.add(job.future());
            }
            queue.add(jobs);
            return futures;
        }
    }

    /** Inputs waiting (not yet running). */
    public int waiting() {
        return waiting.get();
    }

    /** Whether the worker is held until running inputs leave room (continuous batching is full). */
    boolean waitingForRoom() {
        return inFlight != null && inFlight.hasQueuedThreads();
    }

    private void work() {
        Deque<QueuedInput<I, O>> pending = new ArrayDeque<>();
        boolean draining = false;
        try {
            while (true) {
                if (pending.isEmpty()) {
                    if (draining) {
                        return;
                    }
                    List<QueuedInput<I, O>> js = queue.take();
                    if (js == poison) {
                        draining = true;
                        continue;
                    }
                    pending.addAll(js);
                }
                draining |= gather(pending, draining);
                List<QueuedInput<I, O>> batch = takeBatch(pending);
                if (inFlight == null) {
                    waiting.addAndGet(-batch.size());
                    run(batch);
                } else {
                    inFlight.acquire(batch.size()); // it counts as waiting until it may run
                    waiting.addAndGet(-batch.size());
                    runners.execute(() -> {
                        try {
                            run(batch);
                        } finally {
                            inFlight.release(batch.size());
                        }
                    });
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failAll(pending);
        }
    }

    /** Adds arrivals to {@code pending} until the oldest input's group is full or its wait is over. */
    private boolean gather(Deque<QueuedInput<I, O>> pending, boolean draining) throws InterruptedException {
        QueuedInput<I, O> first = pending.peekFirst();
        int same = 0;
        for (QueuedInput<I, O> j : pending) {
            same += j.options().equals(first.options()) ? 1 : 0;
        }
        long deadline = first.enqueuedNanos() + maxWaitNanos;
        // A lone client would only lose time: when requests arrive further apart than the wait
        // window, take what is queued and go. (Sleeping even 2 ms costs far more on a busy machine:
        // the worker loses its core and wakes late; measured +20 ms per request.)
        boolean wait = !draining && meanGapNanos < maxWaitNanos;
        while (same < maxBatch) {
            long left = deadline - nanoClock.getAsLong();
            // Already-queued inputs join without waiting; new ones only while the oldest may still wait.
            List<QueuedInput<I, O>> js = !wait || left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
            if (js == null) {
                return false;
            }
            if (js == poison) {
                return true;
            }
            for (QueuedInput<I, O> j : js) {
                pending.add(j);
                same += j.options().equals(first.options()) ? 1 : 0;
            }
        }
        return false;
    }

    /** Removes up to maxBatch inputs with the oldest input's options, oldest first. */
    private List<QueuedInput<I, O>> takeBatch(Deque<QueuedInput<I, O>> pending) {
        ReasonOptions options = pending.peekFirst().options();
        List<QueuedInput<I, O>> batch = new ArrayList<>();
        for (Iterator<QueuedInput<I, O>> it = pending.iterator(); it.hasNext() && batch.size() < maxBatch; ) {
            QueuedInput<I, O> j = it.next();
            if (j.options().equals(options)) {
                batch.add(j);
                it.remove();
            }
        }
        return batch;
    }

    private void run(List<QueuedInput<I, O>> jobs) {
        QueuedInput.run(jobs, runner, onBatch, nanoClock);
    }

    private void failAll(Deque<QueuedInput<I, O>> pending) {
        List<QueuedInput<I, O>> left = new ArrayList<>(pending);
        List<List<QueuedInput<I, O>>> queued = new ArrayList<>();
        queue.drainTo(queued);
        queued.forEach(left::addAll); // the poison is empty
        RejectedException e = new RejectedException("server stopped before running this request", false);
        left.forEach(j -> j.future().completeExceptionally(e));
    }

    /** Stops taking inputs, runs every queued one, waits for the running batches, then returns (idempotent). */
    @Override
    public void close() {
        synchronized (this) {
            if (!closing) {
                closing = true;
                queue.add(poison);
            }
        }
        try {
            worker.join();
            if (runners != null) {
                runners.shutdown();
                while (!runners.awaitTermination(1, TimeUnit.MINUTES)) {
                    // a batch is still running: close() waits for it, as it waits for the worker
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
