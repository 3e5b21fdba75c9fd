package io.trm4j.heads.sudoku;

import io.trm4j.core.head.CommitCells;
import org.junit.jupiter.api.Test;

import static io.trm4j.heads.sudoku.SudokuHeadTest.SUDOKU_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What verified search may draw and commit in a Sudoku: blanks only, digits no given peer holds. */
class SudokuSearchSupportTest {
    private static final SudokuHead HEAD = new SudokuHead();
    /** r1c1 blank; row 1 holds 9 and 5, column 1 holds 5, 7 and 3, box 1 nothing. */
    private static final SudokuPuzzle PUZZLE =
            SudokuParser.parse("......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....");

    @Test
    void aBlankAllowsTheDigitsNoPeerHolds() {
        for (int digit = 1; digit <= 9; digit++) {
            boolean peerHolds = digit == 9 || digit == 5 || digit == 7 || digit == 3;
            assertEquals(!peerHolds, HEAD.allows(PUZZLE, 0, digit + 1, SUDOKU_MODEL), "digit " + digit);
        }
        assertFalse(HEAD.allows(PUZZLE, 0, 0, SUDOKU_MODEL), "pad token");
        assertFalse(HEAD.allows(PUZZLE, 0, 1, SUDOKU_MODEL), "blank token");
        assertFalse(HEAD.allows(PUZZLE, 6, 10, SUDOKU_MODEL), "a given cell is fixed");
        assertFalse(HEAD.allows(PUZZLE, 81, 2, SUDOKU_MODEL));
    }

    @Test
    void aCommittedDigitBecomesAGiven() {
        assertTrue((Object) HEAD instanceof CommitCells<?>);
        SudokuPuzzle committed = HEAD.commit(PUZZLE, 0, 5); // r1c1 = 4
        assertEquals(4, committed.cell(0));
        assertTrue(committed.isGiven(0));
        assertEquals(PUZZLE.givens() + 1, committed.givens());
        assertFalse(HEAD.allows(committed, 1, 5, SUDOKU_MODEL), "its row may not take another 4");
        assertFalse(HEAD.allows(committed, 9, 5, SUDOKU_MODEL), "nor its column");
        assertThrows(IllegalArgumentException.class, () -> HEAD.commit(PUZZLE, 0, 10), "9 is in row 1");
        assertEquals(0, PUZZLE.cell(0), "the original is untouched");
    }
}
