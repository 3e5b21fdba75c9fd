package io.trm4j.core.runtime;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.FloatBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rows appended to a running batch ({@link CellSession#admit}, continuous batching) start from
 * their own initial state and leave the live rows' state alone, also when the buffers grow and
 * for a cell whose puzzle table is gathered outside the graph ({@code tiny-official-table}):
 * every row's logits equal those of the same row run alone for as many steps.
 */
class AdmitParityTest {
    @ParameterizedTest
    @ValueSource(strings = {Fixtures.ATTN, Fixtures.MLPT, "tiny-official-table"})
    void admittedRowsMatchTheSameRowsAlone(String fixture) {
        try (Model model = ModelLoader.load(Fixtures.dir(fixture));
             CellSession cell = new CellSession(model, new SessionSettings(ExecutionProvider.CPU, 1, false))) {
            int l = model.manifest().seqLen();
            int ids = Math.max(1, model.manifest().arch().numPuzzleIds());
            Random random = new Random(11);
            long[][] tokens = new long[4][l];
            long[] puzzle = new long[4];
            for (int r = 0; r < 4; r++) {
                for (int p = 0; p < l; p++) {
                    tokens[r][p] = 1 + random.nextInt(model.manifest().vocabSize() - 1);
                }
                puzzle[r] = (r + 1) % ids;
            }
            InitState init = model.init();
            InitState shifted = shift(init, 0.1f); // rows 1 and 2 join from another start, as restarts do

            float[] row0At6 = alone(cell, tokens[0], puzzle[0], init, 6);
            float[] row1At3 = alone(cell, tokens[1], puzzle[1], shifted, 3);
            float[] row2At3 = alone(cell, tokens[2], puzzle[2], shifted, 3);
            float[] row1At5 = alone(cell, tokens[1], puzzle[1], shifted, 5);
            float[] row2At5 = alone(cell, tokens[2], puzzle[2], shifted, 5);
            float[] row3At2 = alone(cell, tokens[3], puzzle[3], init, 2);

            cell.start(new long[][] {tokens[0]}, new long[] {puzzle[0]}, init); // buffers for 1 row
            steps(cell, 3);
            cell.admit(new long[][] {tokens[1], tokens[2]}, new long[] {puzzle[1], puzzle[2]}, shifted); // grows
            assertEquals(3, cell.batchSize());
            steps(cell, 3);
            assertRow(row0At6, cell, 0, "row 0 after 3 steps alone and 3 with rows 1-2");
            assertRow(row1At3, cell, 1, "row 1 admitted");
            assertRow(row2At3, cell, 2, "row 2 admitted");

            cell.compact(new int[] {1, 2}, 2); // row 0 leaves, row 3 joins
            cell.admit(new long[][] {tokens[3]}, new long[] {puzzle[3]}, init);
            steps(cell, 2);
            assertRow(row1At5, cell, 0, "row 1 after compaction");
            assertRow(row2At5, cell, 1, "row 2 after compaction");
            assertRow(row3At2, cell, 2, "row 3 admitted after compaction");
        }
    }

    private static float[] alone(CellSession cell, long[] tokens, long id, InitState init, int steps) {
        cell.start(new long[][] {tokens}, new long[] {id}, init);
        steps(cell, steps);
        return logitsOf(cell, 0);
    }

    private static void steps(CellSession cell, int n) {
        for (int i = 0; i < n; i++) {
            cell.step();
        }
    }

    private static float[] logitsOf(CellSession cell, int position) {
        int n = cell.shape().logitFloats();
        float[] out = new float[n];
        FloatBuffer logits = cell.logits();
        logits.get(position * n, out);
        return out;
    }

    private static void assertRow(float[] expected, CellSession cell, int position, String what) {
        float[] actual = logitsOf(cell, position);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4f, what + ", logit " + i);
        }
    }

    private static InitState shift(InitState init, float by) {
        float[] y = init.y().clone();
        float[] z = init.z().clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += by;
            z[i] -= by;
        }
        return new InitState(y, z);
    }
}
