package io.trm4j.bench.harness;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.runtime.SessionSettings;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sanity of the figures on the fixture cell; no timing thresholds (machines differ). */
class LoopBenchmarkTest {
    private final Model model = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));

    @Test
    void reportsSanePositiveFigures() {
        try (LoopBenchmark bench = new LoopBenchmark(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            assertEquals(ExecutionProvider.CPU, bench.provider());
            for (int batch : new int[] {1, 3}) {
                BenchResult r = bench.measure(batch, 4, 1, 5, 7);
                assertEquals(batch, r.batch());
                assertEquals(4, r.steps());
                assertEquals(5, r.runs());
                assertTrue(r.puzzlesPerS() > 0, r.toString());
                assertTrue(r.cellMsPerStep() > 0, r.toString());
                assertTrue(r.cellMsPerStep() <= r.msPerStep(), "cell time within wall time: " + r);
                assertTrue(r.overheadUsPerStep() >= 0, r.toString());
                assertEquals((r.msPerStep() - r.cellMsPerStep()) * 1000, r.overheadUsPerStep(), 1e-6);
                assertTrue(r.p50Ms() > 0 && r.p50Ms() <= r.p90Ms(), r.toString());
                assertTrue(r.peakRssMb() > 0 || r.peakRssMb() == -1, r.toString());
            }
        }
    }

    @Test
    void rejectsBadSettingsWithClearMessages() {
        try (LoopBenchmark bench = new LoopBenchmark(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            assertEquals("batch must be in 1..65536, got 0",
                    assertThrows(TrmException.class, () -> bench.measure(0, 4, 0, 1, 1)).getMessage());
            assertEquals("runs must be >= 1, got 0",
                    assertThrows(TrmException.class, () -> bench.measure(1, 4, 0, 0, 1)).getMessage());
            assertEquals("warmup must be >= 0, got -1",
                    assertThrows(TrmException.class, () -> bench.measure(1, 4, -1, 1, 1)).getMessage());
            assertEquals("max steps must be in 1..1024, got 0",
                    assertThrows(TrmException.class, () -> bench.measure(1, 0, 0, 1, 1)).getMessage());
        }
    }

    @Test
    void nearestRankPercentiles() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, LoopBenchmark.percentile(sorted, 0.5));
        assertEquals(9, LoopBenchmark.percentile(sorted, 0.9));
        assertEquals(7, LoopBenchmark.percentile(new long[] {7}, 0.9));
    }
}
