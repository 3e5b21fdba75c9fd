package io.trm4j.heads.sudoku;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SudokuHeadTest {
    static final String PUZZLE = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79";
    static final String SOLUTION = "534678912672195348198342567859761423426853791713924856961537284287419635345286179";
    static final ModelInfo SUDOKU_MODEL = new ModelInfo("s", "sudoku", "", "mlp_t", 1, vocab(), 81, 97, 8, 11, 16,
            Map.of(), "test");

    private final SudokuHead head = new SudokuHead();

    @Test
    void parsesTheUsualForms() {
        SudokuPuzzle expected = head.parse(PUZZLE);
        assertEquals(30, expected.givens());
        assertEquals(expected, head.parse(PUZZLE.replace('.', '0')));
        assertEquals(expected, head.parse(grid(PUZZLE)));
        assertEquals(expected, head.parse("{\"puzzle\": \"" + PUZZLE + "\"}"));
        assertEquals(expected, head.parse(jsonArray(PUZZLE)));
        assertEquals(expected, head.parse("{\"puzzle\": " + jsonArray(PUZZLE) + "}"));
        String spaced = String.join(" ", PUZZLE.split(""));
        assertEquals(expected, head.parse("  " + spaced + "\n"));
    }

    @Test
    void rejectsBadInputWithThePositionAndTheProblem() {
        assertRejects(() -> head.parse(PUZZLE.substring(1)), "expected 81 cells", "got 80");
        assertRejects(() -> head.parse(PUZZLE + "1"), "too many cells");
        assertRejects(() -> head.parse(PUZZLE.substring(0, 10) + "x" + PUZZLE.substring(11)), "'x' at position 11");
        assertRejects(() -> head.parse(grid(PUZZLE).replaceFirst("9 8", "9 ?")), "'?' at line 3");
        // a second 5 in row 1
        assertRejects(() -> head.parse("5" + "3" + "5" + PUZZLE.substring(3)), "given 5 at row 1, column 3 repeats the 5 at row 1, column 1 in row 1");
        assertRejects(() -> head.parse("{\"puzzle\": [[1,2]]}"), "expected 9 rows");
        assertRejects(() -> head.parse("{\"grid\": \"\"}"), "\"puzzle\" field");
        assertRejects(() -> head.parse("{\"puzzle\": "), "invalid JSON at line 1");
        assertRejects(() -> head.parse(" \n"), "empty Sudoku");
    }

    @Test
    void tokenizesAsTheOfficialBuilder() {
        EncodedBatch enc = head.encode(head.parse(PUZZLE), SUDOKU_MODEL);
        assertEquals(1, enc.rows());
        long[] row = enc.tokens()[0];
        assertEquals(6, row[0]);  // digit 5 -> 6
        assertEquals(1, row[2]);  // blank -> 1
        assertEquals(10, row[80]); // digit 9 -> 10
        assertEquals(1, enc.puzzleIds().length);
        assertEquals(0L, enc.puzzleIds()[0]);
    }

    @Test
    void namesPositionsByRowAndColumnFromOne() {
        assertEquals("r1c1", head.positionName(0, SUDOKU_MODEL));
        assertEquals("r1c3", head.positionName(2, SUDOKU_MODEL));
        assertEquals("r2c1", head.positionName(9, SUDOKU_MODEL));
        assertEquals("r5c7", head.positionName(4 * 9 + 6, SUDOKU_MODEL));
        assertEquals("r9c9", head.positionName(80, SUDOKU_MODEL));
    }

    @Test
    void refusesAModelThatIsNotForSudoku() {
        ModelInfo other = new ModelInfo("m", "maze", "", "attention", 1, List.of("a", "b"), 900, 916, 8, 2, 16,
                Map.of(), "test");
        assertRejects(() -> head.encode(head.parse(PUZZLE), other), "not a Sudoku model");
    }

    @Test
    void decodesTheBestDigitAndKeepsGivens() {
        SudokuPuzzle puzzle = head.parse(PUZZLE);
        float[] logits = new float[81 * 11];
        for (int i = 0; i < 81; i++) {
            logits[i * 11 + 1] = 100f;                                  // blank token: never decoded
            logits[i * 11 + SOLUTION.charAt(i) - '0' + 1] = 5f;         // the right digit
            logits[i * 11 + (i == 0 ? 3 : 2)] = i == 0 ? 9f : 1f;       // cell 0 (a given) prefers a 2
        }
        RowResult row = new RowResult(logits, new int[81], 0.9f, 16, HaltReason.MAX_STEPS, List.of());
        SudokuGrid answer = head.decode(puzzle, head.encode(puzzle, SUDOKU_MODEL), List.of(row), SUDOKU_MODEL);
        assertEquals(SOLUTION, answer.toCompact());
        assertEquals(Verdict.solved(), head.verify(puzzle, answer));
    }

    @Test
    void verifyNeverAcceptsAWrongGrid() {
        SudokuPuzzle puzzle = head.parse(PUZZLE);
        int[] cells = digits(SOLUTION);
        int tmp = cells[2];                 // swap two blanks of row 1 across a box border
        cells[2] = cells[3];
        cells[3] = tmp;
        Verdict v = head.verify(puzzle, new SudokuGrid(cells, puzzle));
        assertEquals(Verdict.Status.UNSOLVED, v.status());
        assertEquals("6 conflicting cells", v.detail()); // the two swapped cells and a twin of each in its column and box

        int[] changed = digits(SOLUTION);
        changed[0] = 1;
        assertEquals("the given 5 at row 1, column 1 was changed to 1",
                head.verify(puzzle, new SudokuGrid(changed, puzzle)).detail());

        // a valid grid that is not this puzzle's solution breaks a given
        int[] other = digits(SOLUTION);
        for (int i = 0; i < 81; i++) {
            other[i] = other[i] % 9 + 1;
        }
        assertEquals(Verdict.Status.UNSOLVED, head.verify(puzzle, new SudokuGrid(other, puzzle)).status());
    }

    @Test
    void rendersAGridAndTheCompactForm() {
        SudokuPuzzle puzzle = head.parse(PUZZLE);
        SudokuGrid answer = new SudokuGrid(digits(SOLUTION), puzzle);
        assertEquals(SOLUTION, head.render(answer, RenderStyle.COMPACT));
        String plain = head.render(answer, RenderStyle.PLAIN);
        assertEquals(11, plain.lines().count());
        assertEquals("5 3 4 | 6 7 8 | 9 1 2", plain.lines().findFirst().orElseThrow());
        String ansi = head.render(answer, RenderStyle.ANSI);
        assertTrue(ansi.contains("\u001b[1m5") && ansi.contains("\u001b[32m4"), ansi); // given bold, filled green
    }

    private static void assertRejects(org.junit.jupiter.api.function.Executable parse, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, parse);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }

    static String grid(String compact) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 9; r++) {
            if (r == 3 || r == 6) {
                sb.append("------+-------+------\n");
            }
            for (int c = 0; c < 9; c++) {
                sb.append(c == 3 || c == 6 ? " | " : c > 0 ? " " : "").append(compact.charAt(r * 9 + c));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String jsonArray(String compact) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < 9; r++) {
            sb.append(r > 0 ? "," : "").append('[');
            for (int c = 0; c < 9; c++) {
                char ch = compact.charAt(r * 9 + c);
                sb.append(c > 0 ? "," : "").append(ch == '.' ? '0' : ch);
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    static int[] digits(String s) {
        return s.chars().map(c -> c == '.' ? 0 : c - '0').toArray();
    }

    static List<String> vocab() {
        return List.of("<pad>", ".", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }
}
