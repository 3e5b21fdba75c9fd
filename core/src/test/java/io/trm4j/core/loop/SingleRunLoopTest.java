package io.trm4j.core.loop;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.CellShape;
import io.trm4j.core.testing.FakeCell;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/** The loop's bookkeeping for one run against a scripted cell (rows identified by their puzzle id). */
class SingleRunLoopTest {
    private static final CellShape SHAPE = new CellShape(4, 6, 2, 5);
    private static final InitState INIT = new InitState(new float[2], new float[2]);

    private static EncodedBatch rows(int n) {
        long[][] tokens = new long[n][4];
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        return new EncodedBatch(tokens, ids);
    }

    private static LoopSettings settings(int maxSteps, HaltingPolicy.Kind kind, int patience) {
        return new LoopSettings(maxSteps, new HaltingPolicy(kind, patience), true, null);
    }

    @Test
    void fixedRunsEveryRowForMaxSteps() {
        FakeCell cell = spy(new FakeCell(SHAPE, (row, step) -> 5, (row, step) -> step % 5));
        List<RowResult> out = new ContinuousLoop(cell).run(rows(3), settings(7, HaltingPolicy.Kind.FIXED, 2), INIT);
        verify(cell, times(7)).step();
        verify(cell, never()).compact(any(), eq(2));
        for (RowResult r : out) {
            assertEquals(7, r.steps());
            assertEquals(HaltReason.MAX_STEPS, r.haltReason());
            assertEquals(7, r.trace().size());
            assertArrayEquals(new int[] {2, 2, 2, 2}, r.argmax());
            assertEquals(1 / (1 + Math.exp(-5)), r.confidence(), 1e-6);
        }
    }

    @Test
    void actHaltsRowsAndCompactsThemOut() {
        // Row r halts (q > 0) at its step r + 1; row 3 never halts.
        FakeCell cell = spy(new FakeCell(SHAPE, (row, step) -> row < 3 && step == row + 1 ? 1 : -1,
                (row, step) -> row));
        List<RowResult> out = new ContinuousLoop(cell).run(rows(4), settings(6, HaltingPolicy.Kind.ACT, 2), INIT);
        assertEquals(List.of(4, 3, 2, 1, 1, 1), cell.batchSizes);
        InOrder order = inOrder(cell);
        order.verify(cell).compact(any(), eq(3));
        order.verify(cell).compact(any(), eq(2));
        order.verify(cell).compact(any(), eq(1));
        for (int r = 0; r < 3; r++) {
            assertEquals(r + 1, out.get(r).steps(), "row " + r);
            assertEquals(HaltReason.ACT, out.get(r).haltReason());
            assertArrayEquals(new int[] {r, r, r, r}, out.get(r).argmax(), "row " + r + " kept its own outputs");
        }
        assertEquals(6, out.get(3).steps());
        assertEquals(HaltReason.MAX_STEPS, out.get(3).haltReason());
        assertArrayEquals(new int[] {3, 3, 3, 3}, out.get(3).argmax());
    }

    @Test
    void convergedHaltsWhenPredictionStopsChanging() {
        // Row 0 changes every step; row 1 predicts 4 from step 3 on.
        FakeCell cell = new FakeCell(SHAPE, (row, step) -> -1, (row, step) -> row == 0 ? step % 2 : Math.min(step, 4));
        List<RowResult> out = new ContinuousLoop(cell)
                .run(rows(2), settings(10, HaltingPolicy.Kind.CONVERGED, 2), INIT);
        assertEquals(10, out.get(0).steps());
        assertEquals(HaltReason.MAX_STEPS, out.get(0).haltReason());
        // Step 4 first predicts 4; steps 5 and 6 repeat it: unchanged twice -> halt at 6.
        assertEquals(6, out.get(1).steps());
        assertEquals(HaltReason.CONVERGED, out.get(1).haltReason());
    }

    @Test
    void allRowsHaltingEndsTheLoopEarly() {
        FakeCell cell = new FakeCell(SHAPE, (row, step) -> 1, (row, step) -> 0);
        List<Integer> progress = new ArrayList<>();
        LoopSettings s = new LoopSettings(16, new HaltingPolicy(HaltingPolicy.Kind.ACT, 2), false,
                (step, max, live) -> progress.add(live));
        List<RowResult> out = new ContinuousLoop(cell).run(rows(3), s, INIT);
        assertEquals(List.of(3), cell.batchSizes);
        assertEquals(List.of(3), progress);
        assertTrue(out.stream().allMatch(r -> r.steps() == 1 && r.trace().isEmpty()));
    }

    @Test
    void stepListenerSeesLiveRowsInBufferOrder() {
        FakeCell cell = new FakeCell(SHAPE, (row, step) -> row == 1 && step == 1 ? 1 : -1, (row, step) -> 0);
        List<String> seen = new ArrayList<>();
        new ContinuousLoop(cell).run(rows(3), settings(2, HaltingPolicy.Kind.ACT, 2), INIT,
                (step, live, count, logits, q) -> seen.add(step + ":" + List.of(live[0], live[1], live[2])
                        .subList(0, count)));
        assertEquals(List.of("1:[0, 1, 2]", "2:[0, 2]"), seen);
    }

    @Test
    void argmaxTakesTheFirstMaximum() {
        int[] out = new int[2];
        ContinuousLoop.argmax(java.nio.FloatBuffer.wrap(new float[] {1, 3, 3, 0, 0, -1}), 0, 2, 3, out);
        assertArrayEquals(new int[] {1, 0}, out);
    }
}
