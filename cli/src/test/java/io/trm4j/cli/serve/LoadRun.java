package io.trm4j.cli.serve;

import io.trm4j.cli.serve.LoadSender.Outcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Closed-loop clients on a fixed pool (no virtual threads on Java 17): client {@code c} sends cases
 * {@code c}, {@code c + clients}, ... one after another, each as soon as the previous one is
 * answered, until its cases run out or an outcome matches {@code stopAfter}.
 */
final class LoadRun {
    private final ExecutorService pool;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger busy = new AtomicInteger();

    private LoadRun(int clients) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(clients, r -> {
            Thread t = new Thread(r, "load-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the clients and returns at once. */
    static LoadRun start(LoadSender sender, List<LoadCase> cases, int clients, Predicate<Outcome> stopAfter) {
        LoadRun run = new LoadRun(clients);
        for (int c = 0; c < clients; c++) {
            int first = c;
            run.pool.execute(() -> {
                for (int i = first; i < cases.size(); i += clients) {
                    run.sent.incrementAndGet();
                    run.busy.incrementAndGet();
                    Outcome o = sender.send(cases.get(i));
                    run.outcomes.add(o);
                    run.busy.decrementAndGet();
                    if (stopAfter.test(o)) {
                        return;
                    }
                }
            });
        }
        run.pool.shutdown();
        return run;
    }

    /** Requests sent so far (answered or not). */
    int sent() {
        return sent.get();
    }

    /** Requests sent and not yet answered. */
    int inFlight() {
        return busy.get();
    }

    int finished() {
        return outcomes.size();
    }

    /** Waits for every client; returns the outcomes, or throws when a client is still busy after {@code limit}. */
    List<Outcome> await(Duration limit) throws InterruptedException {
        if (!pool.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            pool.shutdownNow();
            throw new AssertionError("load did not finish within " + limit + ": " + outcomes.size() + " of "
                    + sent.get() + " requests sent were answered (a hang)");
        }
        return new ArrayList<>(outcomes);
    }
}
