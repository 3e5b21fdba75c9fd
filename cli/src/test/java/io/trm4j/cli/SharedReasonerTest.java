package io.trm4j.cli;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.RenderStyle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, concurrency: one {@link Reasoner} (the bundled Sudoku model) shared by 16 threads solving
 * different puzzles gives each thread the answer a sequential run gives; closing it while the
 * threads run is safe: each run finishes with that same answer or fails with a clear
 * {@link TrmException}, and nothing crashes.
 */
class SharedReasonerTest {
    private static final int THREADS = 16;
    private static final LoadOptions OPTIONS = LoadOptions.builder().threads(1)
            .reasonDefaults(ReasonOptions.builder().maxSteps(8).build()).build();
    /** 16 different puzzles: the bundled test puzzles with their digits relabelled. */
    private static final List<String> PUZZLES = puzzles();

    private static Reasoner<Object, Object> shared;
    private static List<String> sequential;

    @BeforeAll
    static void solveSequentially() {
        shared = Trm.load("sudoku", OPTIONS);
        sequential = new ArrayList<>();
        for (String p : PUZZLES) {
            sequential.add(answer(shared.reasonText(p)));
        }
    }

    @AfterAll
    static void close() {
        shared.close();
    }

    @Test
    @Timeout(120)
    void sixteenThreadsGetTheSequentialAnswers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<String> mine = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        mine.add(answer(shared.reasonText(PUZZLES.get((first + k) % PUZZLES.size()))));
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (int t = 0; t < THREADS; t++) {
                List<String> mine = futures.get(t).get(100, TimeUnit.SECONDS);
                for (int k = 0; k < 3; k++) {
                    int p = (t + k) % PUZZLES.size();
                    assertEquals(sequential.get(p), mine.get(k), "thread " + t + ", puzzle " + p);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Timeout(120)
    void closingWhileThreadsRunIsSafe() throws Exception {
        Reasoner<Object, Object> r = Trm.load("sudoku", OPTIONS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS + 4);
        AtomicInteger solved = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch someSolved = new CountDownLatch(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                futures.add(pool.submit(() -> {
                    for (int k = 0; ; k++) {
                        int p = (first + k) % PUZZLES.size();
                        try {
                            String a = answer(r.reasonText(PUZZLES.get(p)));
                            if (!a.equals(sequential.get(p))) {
                                problems.add("puzzle " + p + ": " + a + " != " + sequential.get(p));
                            }
                            solved.incrementAndGet();
                            someSolved.countDown();
                        } catch (TrmException e) {
                            if (!e.getMessage().equals("reasoner for model 'sudoku' is closed")
                                    && !e.getMessage().contains("closed")) {
                                problems.add("unclear error: " + e.getMessage());
                            }
                            refused.incrementAndGet();
                            return;
                        } catch (Throwable e) {
                            problems.add("unexpected " + e);
                            return;
                        }
                    }
                }));
            }
            assertTrue(someSolved.await(100, TimeUnit.SECONDS), "the threads did not get going");
            // Several closers at once, while runs are in flight and others wait for the session.
            List<Future<?>> closers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                closers.add(pool.submit(r::close));
            }
            for (Future<?> f : closers) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(THREADS, refused.get(), "every thread ends with a clear 'closed' error");
        assertTrue(solved.get() >= THREADS, "solved " + solved.get());
        TrmException after = assertThrows(TrmException.class, () -> r.reasonText(PUZZLES.get(0)));
        assertEquals("reasoner for model 'sudoku' is closed", after.getMessage());
    }

    private static String answer(Reasoning<Object> r) {
        return shared.head().render(r.answer(), RenderStyle.COMPACT) + " steps=" + r.steps() + " " + r.verdict();
    }

    private static List<String> puzzles() {
        List<String> base = new ArrayList<>();
        base.add(BundledSudokuTest.README_PUZZLE);
        for (String[] p : BundledSudokuTest.PUZZLES) {
            base.add(p[0]);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            int shift = i / base.size() + 1;
            StringBuilder sb = new StringBuilder();
            for (char c : base.get(i % base.size()).toCharArray()) {
                sb.append(c == '.' ? '.' : (char) ('1' + (c - '1' + shift) % 9));
            }
            out.add(sb.toString());
        }
        return out;
    }
}
