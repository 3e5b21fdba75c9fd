package io.trm4j.heads;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.InitState;
import io.trm4j.heads.arc.ArcAnswer;
import io.trm4j.heads.arc.ArcGrid;
import io.trm4j.heads.arc.ArcPrediction;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sequence.PredictedTerm;
import io.trm4j.heads.sequence.SequenceInput;
import io.trm4j.heads.sequence.SequencePrediction;
import io.trm4j.heads.sudoku.SudokuGrid;
import io.trm4j.heads.sudoku.SudokuPuzzle;
import io.trm4j.heads.tokens.Tokens;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Answers as fields (Java and JSON), beside the text forms that stay; records print their values. */
class StructuredAnswersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMazeHasRowsWithWidthAndHeight() throws Exception {
        MazeSolution m = new MazeSolution(3, 4, "#So#" + "# o#" + "#G##");
        assertEquals(4, m.width());
        assertEquals(3, m.height());
        assertEquals(List.of("#So#", "# o#", "#G##"), m.lines());
        assertEquals("#So## o##G##", m.toCompact()); // the flat form stays
        assertEquals("{\"width\":4,\"height\":3,\"rows\":[\"#So#\",\"# o#\",\"#G##\"],\"path_cells\":2}",
                JSON.writeValueAsString(m.structured()));
    }

    @Test
    void sequenceTermsAreNumbers() throws Exception {
        SequencePrediction p = new SequencePrediction(SequenceInput.of(List.of(2L, 4L, 8L, 16L), 2),
                List.of(PredictedTerm.number(32, "t"), PredictedTerm.invalid("?", "no residue")), 0.5f, 3);
        assertEquals(Arrays.asList(BigInteger.valueOf(32), null), p.values());
        assertEquals("32, ?", p.compact());
        assertEquals("{\"terms\":[32,null],\"all_valid\":false}", JSON.writeValueAsString(p.structured()));
    }

    @Test
    void sudokuAndTokensAndArcGridsAreIntArrays() throws Exception {
        int[] cells = new int[81];
        for (int i = 0; i < 81; i++) {
            cells[i] = (i * 3 + i / 9 + i / 27) % 9 + 1;
        }
        SudokuGrid g = new SudokuGrid(cells, new SudokuPuzzle(new int[81]));
        assertArrayEquals(Arrays.copyOfRange(cells, 9, 18), g.rows()[1]);
        assertEquals(JSON.writeValueAsString(g.rows()), JSON.writeValueAsString(g.structured().get("rows")));

        assertEquals("{\"ids\":[1,2,3]}", JSON.writeValueAsString(new Tokens(new int[] {1, 2, 3}).structured()));

        ArcGrid grid = ArcGrid.of(new int[][] {{1, 2}, {3, 4}});
        ArcAnswer a = new ArcAnswer("t1", List.of(new ArcPrediction(grid, grid, List.of(), 8, 0, ""),
                new ArcPrediction(null, null, List.of(), 8, 8, "none")), List.of());
        assertArrayEquals(new int[][] {{1, 2}, {3, 4}}, a.predictions().get(0).attempt1().toArray());
        assertEquals("{\"task_id\":\"t1\",\"predictions\":[{\"attempt_1\":[[1,2],[3,4]],\"attempt_2\":[[1,2],[3,4]]},"
                + "{\"attempt_1\":null,\"attempt_2\":null}],\"notes\":[]}", JSON.writeValueAsString(a.structured()));
    }

    @Test
    void recordsWithArraysPrintTheirValues() {
        assertEquals("EncodedBatch[row 0 (puzzle 7)=[1, 2], row 1 (puzzle 0)=[3, 4]]",
                new EncodedBatch(new long[][] {{1, 2}, {3, 4}}, new long[] {7, 0}).toString());
        assertEquals("InitState[hiddenSize=5, y=[1.0, 2.0, 3.0, 4.0, ...], z=[0.0, 0.0, 0.0, 0.0, ...]]",
                new InitState(new float[] {1, 2, 3, 4, 5}, new float[5]).toString());
        assertEquals("1 2 3", new Tokens(new int[] {1, 2, 3}).toString());
        assertFalse(new SudokuPuzzle(new int[81]).toString().contains("[I@"));
    }
}
