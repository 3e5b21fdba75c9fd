package io.trm4j.core.loop;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.CellShape;
import io.trm4j.core.testing.FakeCell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Continuous batching against a scripted cell: rows are identified by their puzzle id and the
 * cell counts each row's own steps, so a row that joins late, a row that leaves early or a row
 * moved to the wrong place shows up in its outputs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContinuousLoopTest {
    private static final CellShape SHAPE = new CellShape(4, 6, 2, 5);
    private static final InitState INIT = new InitState(new float[2], new float[2]);
    /** Row r predicts token (r + its step) % 6 and halts (ACT) at its step r % 5 + 1. */
    private static final IntBinaryOperator PRED = (row, step) -> (row + step) % 6;
    private static final IntBinaryOperator HALT = (row, step) -> step == row % 5 + 1 ? 1 : -1;

    private static EncodedBatch rows(int firstId, int n) {
        long[][] tokens = new long[n][4];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = firstId + i;
        }
        return new EncodedBatch(tokens, ids);
    }

    private static LoopSettings settings(int maxSteps, HaltingPolicy.Kind kind) {
        return new LoopSettings(maxSteps, new HaltingPolicy(kind, 2), true, null);
    }

    /** What row {@code id} must end with when it runs alone with these settings. */
    private static void assertAlone(RowResult r, int id, int maxSteps, HaltingPolicy.Kind kind) {
        List<RowResult> alone = new ContinuousLoop(new FakeCell(SHAPE, HALT, PRED))
                .run(rows(id, 1), settings(maxSteps, kind), INIT);
        assertEquals(alone.get(0).steps(), r.steps(), "row " + id + " steps");
        assertEquals(alone.get(0).haltReason(), r.haltReason(), "row " + id + " halt reason");
        assertArrayEquals(alone.get(0).argmax(), r.argmax(), "row " + id + " prediction");
        assertEquals(alone.get(0).trace().size(), r.trace().size(), "row " + id + " trace");
    }

    /** Starts {@code run} on another thread once the cell has run {@code afterSteps} calls, and waits until it queues. */
    private static final class LateRun {
        final CompletableFuture<List<RowResult>> result = new CompletableFuture<>();
    }

    private static LateRun joinAfter(FakeCell[] cellRef, ContinuousLoop[] loopRef, int afterCalls, EncodedBatch batch,
                                     LoopSettings settings, List<Runnable> hooks) {
        return joinAfter(cellRef, loopRef, afterCalls, batch, settings, null, hooks);
    }

    private static LateRun joinAfter(FakeCell[] cellRef, ContinuousLoop[] loopRef, int afterCalls, EncodedBatch batch,
                                     LoopSettings settings, StepListener listener, List<Runnable> hooks) {
        LateRun late = new LateRun();
        hooks.add(() -> {
            if (cellRef[0].batchSizes.size() == afterCalls) {
                Thread t = new Thread(() -> {
                    try {
                        late.result.complete(loopRef[0].run(batch, settings, INIT, listener));
                    } catch (RuntimeException e) {
                        late.result.completeExceptionally(e);
                    }
                });
                t.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (loopRef[0].waitingRuns() == 0 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        });
        return late;
    }

    /** A fake cell that runs the hooks after each step (on the driving thread). */
    private static FakeCell hookedCell(List<Runnable> hooks) {
        return new FakeCell(SHAPE, HALT, PRED) {
            @Override
            public void step() {
                super.step();
                hooks.forEach(Runnable::run);
            }
        };
    }

    @Test
    void aRunJoinsTheRunningBatchAtTheNextStepAndEachRowEndsAsItWouldAlone() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell[] cell = {hookedCell(hooks)};
        ContinuousLoop[] loop = {new ContinuousLoop(cell[0], 64, "closed")};
        // Run A: rows 10..11 for 8 fixed steps. After A's 2nd step, run B (rows 20..22, ACT, max 6) arrives.
        LateRun b = joinAfter(cell, loop, 2, rows(20, 3), settings(6, HaltingPolicy.Kind.ACT), hooks);
        List<RowResult> a = loop[0].run(rows(10, 2), settings(8, HaltingPolicy.Kind.FIXED), INIT);
        List<RowResult> bOut = b.result.get(10, TimeUnit.SECONDS);

        assertEquals(1, cell[0].admits, "B was appended to the running batch, not started after it");
        // Calls 1-2: A alone; call 3: A + B's 3 rows; then B's rows leave at their own steps 1, 2, 3
        // (rows 20..22 halt at step 1, 2, 3 by row % 5 + 1 = 1, 2, 3).
        assertEquals(List.of(2, 2, 5, 4, 3, 2, 2, 2), cell[0].batchSizes);
        for (int i = 0; i < 2; i++) {
            assertAlone(a.get(i), 10 + i, 8, HaltingPolicy.Kind.FIXED);
        }
        for (int i = 0; i < 3; i++) {
            assertAlone(bOut.get(i), 20 + i, 6, HaltingPolicy.Kind.ACT);
            assertEquals(HaltReason.ACT, bOut.get(i).haltReason());
        }
    }

    @Test
    void eachRunsStepListenerSeesOnlyItsOwnRowsOfASharedCall() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell[] cell = {hookedCell(hooks)};
        ContinuousLoop[] loop = {new ContinuousLoop(cell[0], 64, "closed")};
        List<String> seenByB = new ArrayList<>();
        // B (rows 20..22, ACT) joins after A's 1st call and sits at positions 2..4 of the cell's batch.
        LateRun b = joinAfter(cell, loop, 1, rows(20, 3), settings(6, HaltingPolicy.Kind.ACT),
                (step, live, count, logits, q) -> seenByB.add(describe(step, live, count, logits, q)), hooks);
        List<String> seenByA = new ArrayList<>();
        loop[0].run(rows(10, 2), settings(4, HaltingPolicy.Kind.FIXED), INIT,
                (step, live, count, logits, q) -> seenByA.add(describe(step, live, count, logits, q)));
        b.result.get(10, TimeUnit.SECONDS);

        assertEquals(List.of(2, 5, 4, 3), cell[0].batchSizes);
        // Row r predicts (r + step) % 6 (5 is outside the vocabulary: argmax 0); q_halt > 0 at step r % 5 + 1
        // (A runs fixed steps, so it only sees it).
        assertEquals(List.of("1:[0=0/+, 1=0/-]", "2:[0=0/-, 1=1/+]", "3:[0=1/-, 1=2/-]", "4:[0=2/-, 1=3/-]"),
                seenByA);
        assertEquals(List.of("1:[0=3/+, 1=4/-, 2=0/-]", "2:[1=0/+, 2=0/-]", "3:[2=1/+]"), seenByB);
    }

    /** What a step listener saw: per row its index in the run, its argmax at position 0 and its q_halt's sign. */
    private static String describe(int step, int[] live, int count, java.nio.FloatBuffer logits,
                                   java.nio.FloatBuffer q) {
        assertEquals(count * SHAPE.logitFloats(), logits.limit(), "logits view holds the run's rows only");
        assertEquals(count, q.limit(), "q_halt view holds the run's rows only");
        List<String> rows = new ArrayList<>();
        int[] token = new int[SHAPE.seqLen()];
        for (int i = 0; i < count; i++) {
            ContinuousLoop.argmax(logits, i * SHAPE.logitFloats(), SHAPE.seqLen(), SHAPE.vocabSize(), token);
            rows.add(live[i] + "=" + token[0] + "/" + (q.get(i) > 0 ? "+" : "-"));
        }
        return step + ":" + rows;
    }

    @Test
    void aRunThatDoesNotFitWaitsForRoomAndARunLargerThanTheCapRunsAlone() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell[] cell = {hookedCell(hooks)};
        ContinuousLoop[] loop = {new ContinuousLoop(cell[0], 3, "closed")};
        LateRun b = joinAfter(cell, loop, 1, rows(30, 2), settings(2, HaltingPolicy.Kind.FIXED), hooks);
        List<RowResult> a = loop[0].run(rows(10, 2), settings(4, HaltingPolicy.Kind.FIXED), INIT);
        List<RowResult> bOut = b.result.get(10, TimeUnit.SECONDS);
        // 2 + 2 rows > 3: B waited for A to finish, then started a fresh batch.
        assertEquals(List.of(2, 2, 2, 2, 2, 2), cell[0].batchSizes);
        assertEquals(0, cell[0].admits);
        assertAlone(a.get(1), 11, 4, HaltingPolicy.Kind.FIXED);
        assertAlone(bOut.get(0), 30, 2, HaltingPolicy.Kind.FIXED);

        List<RowResult> big = loop[0].run(rows(40, 5), settings(1, HaltingPolicy.Kind.FIXED), INIT);
        assertEquals(5, big.size());
        assertEquals(5, cell[0].batchSizes.get(cell[0].batchSizes.size() - 1));
    }

    @Test
    void aFailingStepFailsTheRunsInTheBatchAndTheNextRunStartsAfresh() {
        boolean[] fail = {true};
        FakeCell cell = new FakeCell(SHAPE, HALT, PRED) {
            @Override
            public void step() {
                if (fail[0]) {
                    fail[0] = false;
                    throw new TrmException("native failure");
                }
                super.step();
            }
        };
        ContinuousLoop loop = new ContinuousLoop(cell, 64, "closed");
        TrmException e = assertThrows(TrmException.class,
                () -> loop.run(rows(10, 2), settings(4, HaltingPolicy.Kind.FIXED), INIT));
        assertEquals("native failure", e.getMessage());
        List<RowResult> next = loop.run(rows(12, 1), settings(3, HaltingPolicy.Kind.FIXED), INIT);
        assertAlone(next.get(0), 12, 3, HaltingPolicy.Kind.FIXED);
    }

    @Test
    void aThrowingProgressListenerFailsOnlyItsOwnRun() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell[] cell = {hookedCell(hooks)};
        ContinuousLoop[] loop = {new ContinuousLoop(cell[0], 64, "closed")};
        IllegalStateException boom = new IllegalStateException("listener broke");
        LoopSettings throwing = new LoopSettings(5, HaltingPolicy.fixed(), false, (step, max, live) -> {
            if (step == 2) {
                throw boom;
            }
        });
        LateRun b = joinAfter(cell, loop, 1, rows(20, 1), throwing, hooks);
        List<RowResult> a = loop[0].run(rows(10, 1), settings(6, HaltingPolicy.Kind.FIXED), INIT);
        assertAlone(a.get(0), 10, 6, HaltingPolicy.Kind.FIXED);
        Exception e = assertThrows(Exception.class, () -> b.result.get(10, TimeUnit.SECONDS));
        assertSame(boom, e.getCause());
    }

    @Test
    void rowsThatDoNotFitTheCellFailTheirOwnCallerBeforeJoining() {
        ContinuousLoop loop = new ContinuousLoop(new FakeCell(SHAPE, HALT, PRED), 64, "closed");
        EncodedBatch bad = new EncodedBatch(new long[][] {new long[3]}, new long[] {0});
        TrmException e = assertThrows(TrmException.class, () -> loop.run(bad, settings(2, HaltingPolicy.Kind.FIXED), INIT));
        assertEquals("row 0 has 3 tokens; the model takes seq_len 4", e.getMessage());
    }

    @Test
    void closeWaitsForRunningRunsThenRejectsNewOnes() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell cell = hookedCell(hooks);
        ContinuousLoop loop = new ContinuousLoop(cell, 64, "reasoner for model 'x' is closed");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        hooks.add(() -> {
            if (cell.batchSizes.size() == 1) { // close while the run is at its first step
                new Thread(() -> {
                    loop.close();
                    closed.complete(null);
                }).start();
            }
        });
        List<RowResult> out = loop.run(rows(10, 1), settings(5, HaltingPolicy.Kind.FIXED), INIT);
        assertEquals(5, out.get(0).steps());
        closed.get(10, TimeUnit.SECONDS);
        TrmException e = assertThrows(TrmException.class,
                () -> loop.run(rows(10, 1), settings(5, HaltingPolicy.Kind.FIXED), INIT));
        assertEquals("reasoner for model 'x' is closed", e.getMessage());
    }

    @Test
    void manyThreadsGetExactlyTheirOwnRowsBack() throws Exception {
        List<Runnable> hooks = new ArrayList<>();
        FakeCell cell = hookedCell(hooks);
        ContinuousLoop loop = new ContinuousLoop(cell, 16, "closed");
        // Runs take microseconds: on a busy machine the threads could take turns and never share a
        // call. The first call waits (bounded) until two runs queue, so the next admission takes both.
        hooks.add(() -> {
            if (cell.batchSizes.size() == 1) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (loop.waitingRuns() < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int i = 0; i < 40; i++) {
                        int first = 1000 * thread + 10 * i;
                        int n = 1 + random.nextInt(5);
                        HaltingPolicy.Kind kind = random.nextBoolean() ? HaltingPolicy.Kind.ACT
                                : HaltingPolicy.Kind.FIXED;
                        int max = 1 + random.nextInt(7);
                        List<RowResult> out = loop.run(rows(first, n), settings(max, kind), INIT);
                        for (int r = 0; r < n; r++) {
                            assertAlone(out.get(r), first + r, max, kind);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(cell.batchSizes.stream().allMatch(b -> b <= 16), "runs join only while they fit under the cap");
        assertTrue(cell.admits > 0, "runs from different threads shared cell calls");
    }
}
