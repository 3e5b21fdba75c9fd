package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sudoku.SudokuHead;
import io.trm4j.heads.tokens.TokensHead;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 30: where each traced position is drawn, read from the head's position names only. */
class TraceLayoutTest {
    private static final List<String> SUDOKU_VOCAB = List.of("<pad>", ".", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    private static final List<String> MAZE_VOCAB = List.of("<pad>", "#", " ", "S", "G", "o");

    private static ModelInfo model(String head, List<String> vocab, int seqLen) {
        return new ModelInfo("m", head, "", "mlp_t", 1, vocab, seqLen, seqLen, 8, vocab.size(), 16, Map.of(), "test");
    }

    @Test
    void sudokuCellsSitAtTheirRowAndColumn() {
        int[] p = new int[81];
        Arrays.fill(p, 2);
        TraceLayout l = TraceLayout.of(new SudokuHead(), model("sudoku", SUDOKU_VOCAB, 81),
                List.of(new StepRecord(1, p, 0.5f)));
        assertEquals(9, l.rows());
        assertEquals(9, l.cols());
        assertEquals(0, l.position(0, 0));
        assertEquals(2, l.position(0, 2));   // r1c3
        assertEquals(80, l.position(8, 8));
        assertEquals(List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9"), l.rowLabels());
        assertEquals("7", l.label(8));
        assertTrue(l.isPad(0));
    }

    /** A 3x4 maze on the model's 5x5 canvas: the padding every step predicts around it is cut. */
    @Test
    void aMazeIsCutToWhatAnyStepPredictsOtherThanPadding() {
        int[] step1 = new int[25];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                step1[r * 5 + c] = 1;        // '#'
            }
        }
        int[] step2 = step1.clone();
        step2[5 + 1] = 5;                    // r2c2 becomes 'o'
        TraceLayout l = TraceLayout.of(new MazeHead(), model("maze", MAZE_VOCAB, 25),
                List.of(new StepRecord(1, step1, 0.1f), new StepRecord(2, step2, 0.2f)));
        assertEquals(3, l.rows());
        assertEquals(4, l.cols());
        assertEquals(6, l.position(1, 1));
        assertEquals(List.of("c1", "c2", "c3", "c4"), l.colLabels());
        assertEquals("r2c2", l.names().get(l.position(1, 1)));
    }

    @Test
    void withOnlyPaddingTheWholeCanvasIsKept() {
        TraceLayout l = TraceLayout.of(new MazeHead(), model("maze", MAZE_VOCAB, 25),
                List.of(new StepRecord(1, new int[25], 0.1f)));
        assertEquals(5, l.rows());
        assertEquals(5, l.cols());
    }

    /** Dotted names: rows by the part before the last dot, columns by the part after it. */
    @Test
    void sequencePositionsGoByTermAndModulus() {
        ModelInfo m = model("sequence", List.of("<pad>", "_"), 135);
        TraceLayout l = TraceLayout.of(new SequenceHead(), m, List.of());
        assertEquals(15, l.rows());
        assertEquals(9, l.cols());
        assertEquals("given1", l.rowLabels().get(0));
        assertEquals("answer3", l.rowLabels().get(14));
        assertEquals("mod5", l.colLabels().get(0));
        assertEquals("mod23", l.colLabels().get(8));
        for (int r = 0; r < l.rows(); r++) {
            for (int c = 0; c < l.cols(); c++) {
                assertEquals(l.rowLabels().get(r) + "." + l.colLabels().get(c), l.names().get(l.position(r, c)));
            }
        }
    }

    /** Index names (the tokens head): rows of ceil(sqrt(L)), the last one partly empty. */
    @Test
    void plainIndicesFillRows() {
        TraceLayout l = TraceLayout.of(new TokensHead(), model("tokens", List.of(), 10),
                List.of(new StepRecord(1, new int[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.1f)));
        assertEquals(3, l.rows());
        assertEquals(4, l.cols());
        assertEquals(9, l.position(2, 1));
        assertEquals(-1, l.position(2, 2));
        assertEquals(List.of("0", "4", "8"), l.rowLabels());
        assertEquals("7", l.label(7)); // no vocabulary: the id
    }

    @Test
    void theJsonFormGivesRowsColumnsPositionsNamesAndVocab() throws Exception {
        int[] p = new int[25];
        p[0] = 3;
        p[1] = 4;
        TraceLayout l = TraceLayout.of(new MazeHead(), model("maze", MAZE_VOCAB, 25), List.of(new StepRecord(1, p, 0f)));
        JsonNode j = l.toJson(new ObjectMapper().createObjectNode());
        assertEquals("{\"rows\":1,\"cols\":2,\"row_labels\":[\"r1\"],\"col_labels\":[\"c1\",\"c2\"],"
                + "\"positions\":[[0,1]],\"names\":[[\"r1c1\",\"r1c2\"]],"
                + "\"vocab\":[\"<pad>\",\"#\",\" \",\"S\",\"G\",\"o\"]}", j.toString());
    }
}
