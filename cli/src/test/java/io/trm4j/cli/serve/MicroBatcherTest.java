package io.trm4j.cli.serve;

import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MicroBatcherTest {
    /** A fake reasoner: answers "x" with "x!" and records each batch it ran (inputs and options). */
    private static final class FakeRunner implements BatchRunner<String, String> {
        final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        final List<ReasonOptions> options = Collections.synchronizedList(new ArrayList<>());
        volatile CountDownLatch gate = new CountDownLatch(0);
        final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public List<Reasoning<String>> run(List<String> inputs, ReasonOptions o) {
            started.incrementAndGet();
            try {
                gate.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            batches.add(List.copyOf(inputs));
            options.add(o);
            List<Reasoning<String>> out = new ArrayList<>();
            for (String in : inputs) {
                if (in.startsWith("bad")) {
                    throw new TrmException("bad input " + in);
                }
                RowResult row = new RowResult(new float[0], new int[0], 0.5f, in.length(), HaltReason.MAX_STEPS,
                        List.of());
                out.add(new Reasoning<>(in + "!", in.length(), 0.5f, Verdict.unverified(""), List.of(),
                        Duration.ZERO, List.of(row)));
            }
            return out;
        }
    }

    @Test
    void gathersConcurrentSubmitsIntoOneBatchAndKeepsResultsMatched() throws Exception {
        FakeRunner runner = new FakeRunner();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        // A long wait window and a batch limit equal to the callers: all 20 must land in one batch.
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 20, 10_000, 100, sizes::add)) {
            java.util.Map<String, CompletableFuture<BatchResult<String>>> futures =
                    new java.util.concurrent.ConcurrentHashMap<>();
            List<Thread> threads = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 20; i++) {
                String in = "p" + i;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    futures.put(in, b.submit(in, ReasonOptions.defaults()));
                });
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals(20, futures.size());
            for (var e : futures.entrySet()) {
                BatchResult<String> r = e.getValue().get(10, TimeUnit.SECONDS);
                assertEquals(e.getKey() + "!", r.reasoning().answer());
                assertEquals(20, r.batchSize());
                assertTrue(r.queueNanos() >= 0);
            }
            assertEquals(1, runner.batches.size(), runner.batches.toString());
            assertEquals(20, runner.batches.get(0).size());
            assertEquals(List.of(20), sizes);
        }
    }

    @Test
    void eachCallerGetsItsOwnAnswer() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1); // hold the worker so submits pile up behind the first batch
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 4, 0, 100, n -> { })) {
            List<CompletableFuture<BatchResult<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(b.submit("q" + i, ReasonOptions.defaults()));
            }
            runner.gate.countDown();
            for (int i = 0; i < 10; i++) {
                assertEquals("q" + i + "!", futures.get(i).get(10, TimeUnit.SECONDS).reasoning().answer());
            }
            runner.batches.forEach(batch -> assertTrue(batch.size() <= 4, runner.batches.toString()));
        }
    }

    @Test
    void differentOptionsNeverShareABatch() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1);
        ReasonOptions a = ReasonOptions.builder().maxSteps(4).build();
        ReasonOptions t = ReasonOptions.builder().maxSteps(4).trace(true).build();
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 64, 0, 100, n -> { })) {
            List<CompletableFuture<BatchResult<String>>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(b.submit("r" + i, i % 3 == 0 ? t : a));
            }
            runner.gate.countDown();
            for (int i = 0; i < 12; i++) {
                assertEquals("r" + i + "!", futures.get(i).get(10, TimeUnit.SECONDS).reasoning().answer());
            }
            for (int i = 0; i < runner.batches.size(); i++) {
                ReasonOptions o = runner.options.get(i);
                for (String in : runner.batches.get(i)) {
                    int n = Integer.parseInt(in.substring(1));
                    assertEquals(n % 3 == 0 ? t : a, o, "input " + in + " ran with the wrong options");
                }
            }
        }
    }

    @Test
    void aBadInputFailsOnlyItsCaller() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1);
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 64, 0, 100, n -> { })) {
            CompletableFuture<BatchResult<String>> first = b.submit("hold", ReasonOptions.defaults());
            CompletableFuture<BatchResult<String>> good = b.submit("good", ReasonOptions.defaults());
            CompletableFuture<BatchResult<String>> bad = b.submit("bad1", ReasonOptions.defaults());
            runner.gate.countDown();
            assertEquals("hold!", first.get(10, TimeUnit.SECONDS).reasoning().answer());
            assertEquals("good!", good.get(10, TimeUnit.SECONDS).reasoning().answer());
            ExecutionException e = assertThrows(ExecutionException.class, () -> bad.get(10, TimeUnit.SECONDS));
            assertInstanceOf(TrmException.class, e.getCause());
        }
    }

    @Test
    void continuousBatchingRunsBatchesAtOnceUpToTheRowsInFlightAndTheRestWait() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1);
        MicroBatcher<String, String> b = new MicroBatcher<>(runner, 2, 0, 100, 4, n -> { });
        // Three batches of 2: two run at once (4 rows in flight), the third waits for room.
        List<CompletableFuture<BatchResult<String>>> futures =
                b.submitAll(List.of("a", "bb", "ccc", "dddd", "eeeee", "ffffff"), ReasonOptions.defaults());
        // Once the worker is held on the rows-in-flight limit, a third batch cannot start until room is made.
        awaitCondition(() -> runner.started.get() == 2 && b.waiting() == 2 && b.waitingForRoom());
        assertEquals(2, runner.started.get(), "batches running while the first is held");
        assertEquals(2, b.waiting(), "the third batch still counts as waiting");
        runner.gate.countDown();
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<BatchResult<String>> f : futures) {
            answers.add(f.get(10, TimeUnit.SECONDS).reasoning().answer());
        }
        assertEquals(List.of("a!", "bb!", "ccc!", "dddd!", "eeeee!", "ffffff!"), answers);
        b.close();
        assertEquals(3, runner.batches.size());
        assertThrows(IllegalArgumentException.class, () -> new MicroBatcher<>(runner, 4, 0, 10, 3, n -> { }),
                "fewer rows in flight than one batch");
    }

    @Test
    void fullQueueRejectsAndCloseFinishesQueuedWork() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1);
        MicroBatcher<String, String> b = new MicroBatcher<>(runner, 1, 0, 3, n -> { });
        List<CompletableFuture<BatchResult<String>>> futures = new ArrayList<>();
        futures.add(b.submit("a", ReasonOptions.defaults()));
        // "a" may already be running (not waiting): fill until the queue says full.
        RejectedException full = null;
        for (int i = 0; i < 10 && full == null; i++) {
            try {
                futures.add(b.submit("w" + i, ReasonOptions.defaults()));
            } catch (RejectedException e) {
                full = e;
            }
        }
        assertTrue(full != null && full.queueFull(), "queue never filled");
        assertTrue(futures.size() <= 4, "capacity 3 (+1 running), got " + futures.size());
        Thread closer = new Thread(b::close);
        closer.start();
        // Once closing, new work is refused (not queued); the queued work still finishes.
        while (true) {
            try {
                b.submit("late", ReasonOptions.defaults()).cancel(false);
            } catch (RejectedException e) {
                if (!e.queueFull()) {
                    break;
                }
            }
            Thread.onSpinWait();
        }
        runner.gate.countDown();
        closer.join(10_000);
        for (CompletableFuture<BatchResult<String>> f : futures) {
            assertTrue(f.get(1, TimeUnit.SECONDS).reasoning().answer().endsWith("!"));
        }
    }

    @Test
    void inputsSubmittedTogetherShareOneBatchWithoutWaiting() throws Exception {
        FakeRunner runner = new FakeRunner();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        // No wait window at all: only submitting together can put these in one batch.
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 4, 0, 100, sizes::add)) {
            List<CompletableFuture<BatchResult<String>>> futures =
                    b.submitAll(List.of("a", "b", "c", "d", "e", "f"), ReasonOptions.defaults());
            List<String> answers = new ArrayList<>();
            for (CompletableFuture<BatchResult<String>> f : futures) {
                answers.add(f.get(10, TimeUnit.SECONDS).reasoning().answer());
            }
            assertEquals(List.of("a!", "b!", "c!", "d!", "e!", "f!"), answers);
            assertEquals(List.of(List.of("a", "b", "c", "d"), List.of("e", "f")), runner.batches); // maxBatch 4
            assertEquals(List.of(4, 2), sizes);
        }
    }

    @Test
    void inputsSubmittedTogetherAreRefusedTogetherWhenTheyDoNotFit() throws Exception {
        FakeRunner runner = new FakeRunner();
        runner.gate = new CountDownLatch(1);
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 2, 0, 3, n -> { })) {
            CompletableFuture<BatchResult<String>> held = b.submit("held", ReasonOptions.defaults());
            while (b.waiting() > 0) { // until "held" runs (at the gate)
                Thread.onSpinWait();
            }
            RejectedException e = assertThrows(RejectedException.class,
                    () -> b.submitAll(List.of("a", "b", "c", "d"), ReasonOptions.defaults())); // 2 fit, 2 do not
            assertTrue(e.queueFull());
            runner.gate.countDown();
            assertEquals("held!", held.get(10, TimeUnit.SECONDS).reasoning().answer());
            assertEquals("x!", b.submit("x", ReasonOptions.defaults()).get(10, TimeUnit.SECONDS).reasoning().answer());
            assertEquals(List.of(List.of("held"), List.of("x")), runner.batches, "the refused inputs never ran");
        }
    }

    @Test
    void aLoneCallerIsNotHeldForBatchMatesThatDoNotCome() throws Exception {
        FakeRunner runner = new FakeRunner();
        AtomicLong now = new AtomicLong(TimeUnit.HOURS.toNanos(1));
        long window = TimeUnit.MINUTES.toMillis(10); // were the caller held for it, get() below would time out
        try (MicroBatcher<String, String> b = new MicroBatcher<>(runner, 2, window, 100, 0, n -> { }, now::get)) {
            // setup: a full batch (two inputs) runs at once; it records when inputs last came
            assertEquals(2, b.submitAll(List.of("first", "mate"), ReasonOptions.defaults()).size());
            now.addAndGet(TimeUnit.MILLISECONDS.toNanos(window * 2)); // the next request comes after the window
            assertEquals("second!", b.submit("second", ReasonOptions.defaults()).get(10, TimeUnit.SECONDS)
                    .reasoning().answer(), "held for batch-mates although requests come further apart than the window");
            assertEquals(List.of(List.of("first", "mate"), List.of("second")), runner.batches);
        }
    }

    /** Waits (up to 10 s) until {@code condition} holds: for something to happen, never to show it does not. */
    private static void awaitCondition(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "the condition never held");
            Thread.sleep(5);
        }
    }
}
