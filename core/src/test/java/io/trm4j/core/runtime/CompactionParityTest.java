package io.trm4j.core.runtime;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows halted by ACT are compacted out; every row must still get what it gets when run alone.
 * {@code tiny-official-table} (puzzle table outside the graph) checks that the gathered
 * {@code puzzle_emb} rows move with their rows.
 */
class CompactionParityTest {
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.ATTN, Fixtures.MLPT, "tiny-official-table"})
    void batchWithActEqualsEachRowAlone(String fixture) {
        try (Model model = ModelLoader.load(Fixtures.dir(fixture))) {
            check(model);
        }
    }

    private static void check(Model model) {
        int rows = 10;
        int l = model.manifest().seqLen();
        Random random = new Random(7);
        long[][] tokens = new long[rows][l];
        long[] ids = new long[rows];
        for (int r = 0; r < rows; r++) {
            for (int p = 0; p < l; p++) {
                tokens[r][p] = 1 + random.nextInt(model.manifest().vocabSize() - 1);
            }
            ids[r] = r % Math.max(1, model.manifest().arch().numPuzzleIds());
        }
        LoopSettings act = new LoopSettings(16, new HaltingPolicy(HaltingPolicy.Kind.ACT, 2), true, null);
        List<Integer> liveCounts = new ArrayList<>();
        try (CellSession cell = new CellSession(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            ContinuousLoop loop = new ContinuousLoop(cell);
            List<RowResult> batched = loop.run(new EncodedBatch(tokens, ids), act, model.init(),
                    (step, live, count, logits, q) -> liveCounts.add(count));
            Set<Integer> distinctSteps = new HashSet<>();
            for (int r = 0; r < rows; r++) {
                RowResult alone = loop.run(new EncodedBatch(new long[][] {tokens[r]}, new long[] {ids[r]}), act, model.init())
                        .get(0);
                RowResult inBatch = batched.get(r);
                assertEquals(alone.steps(), inBatch.steps(), "row " + r + " steps");
                assertEquals(alone.haltReason(), inBatch.haltReason(), "row " + r + " halt reason");
                assertArrayEquals(alone.argmax(), inBatch.argmax(), "row " + r + " argmax");
                assertEquals(alone.confidence(), inBatch.confidence(), 1e-5f, "row " + r + " confidence");
                for (int i = 0; i < alone.logits().length; i++) {
                    assertEquals(alone.logits()[i], inBatch.logits()[i], 1e-4f, "row " + r + " logit " + i);
                }
                distinctSteps.add(alone.steps());
            }
            // The test only means something if rows really halted at different steps.
            assertTrue(distinctSteps.size() > 1, "rows halted at " + distinctSteps);
            assertTrue(liveCounts.get(liveCounts.size() - 1) < rows, "live rows per step " + liveCounts);
        }
    }
}
