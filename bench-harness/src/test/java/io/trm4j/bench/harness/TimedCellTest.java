package io.trm4j.bench.harness;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.SessionSettings;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The timing decorator on the real fixture cell: same outputs as the bare session, time accounted. */
class TimedCellTest {
    private static final SessionSettings CPU1 = new SessionSettings(ExecutionProvider.CPU, 1, false);
    private final Model model = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
    private final Fixtures.Golden golden = Fixtures.golden(Fixtures.ATTN);

    @Test
    void delegatesEveryCallAndGivesTheSameOutputs() {
        try (CellSession bare = new CellSession(model, CPU1);
             TimedCell timed = new TimedCell(new CellSession(model, CPU1))) {
            assertEquals(bare.shape(), timed.shape());
            for (var cell : List.of(bare, timed)) {
                cell.start(golden.tokens(), golden.puzzleIds(), model.init());
                cell.step();
                cell.compact(new int[] {1}, 1);
                cell.step();
            }
            assertEquals(1, timed.batchSize());
            assertArrayEquals(floats(bare.logits()), floats(timed.logits()));
            assertArrayEquals(floats(bare.qHalt()), floats(timed.qHalt()));
            assertArrayEquals(floats(bare.y()), floats(timed.y()));
            assertArrayEquals(floats(bare.z()), floats(timed.z()));
            assertEquals(2, timed.steps());
        }
    }

    @Test
    void accountsTimeInsideStepOnlyAndResets() {
        AtomicLong ticks = new AtomicLong(); // a clock that moves one tick per read: no real time involved
        try (TimedCell cell = new TimedCell(new CellSession(model, CPU1), ticks::incrementAndGet)) {
            ContinuousLoop loop = new ContinuousLoop(cell);
            LoopSettings settings = new LoopSettings(5, HaltingPolicy.fixed(), false, null);
            long t0 = ticks.incrementAndGet();
            List<RowResult> out = loop.run(new EncodedBatch(golden.tokens(), golden.puzzleIds()), settings,
                    model.init());
            long wall = ticks.incrementAndGet() - t0;
            assertEquals(golden.batch(), out.size());
            assertArrayEquals(golden.argmax(5, 0), out.get(0).argmax(), "the decorator changes no result");
            assertEquals(5, cell.steps());
            assertTrue(cell.stepNanos() > 0, "time inside step() is counted");
            assertTrue(cell.stepNanos() <= wall, cell.stepNanos() + " ns in step() > " + wall + " ns wall");
            assertEquals(5, cell.stepNanos(), "one tick per step: only the time across step() counts");
            cell.reset();
            assertEquals(0, cell.steps());
            assertEquals(0, cell.stepNanos());
        }
    }

    @Test
    void closesTheDelegate() {
        CellSession session = new CellSession(model, CPU1);
        new TimedCell(session).close();
        assertThrows(RuntimeException.class, session::step);
    }

    private static float[] floats(FloatBuffer buffer) {
        FloatBuffer view = buffer.duplicate();
        view.rewind();
        float[] out = new float[view.remaining()];
        view.get(out);
        return out;
    }
}
