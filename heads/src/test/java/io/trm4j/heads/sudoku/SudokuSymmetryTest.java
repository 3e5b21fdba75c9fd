package io.trm4j.heads.sudoku;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.heads.ConfidentRows;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static io.trm4j.heads.sudoku.SudokuHeadTest.PUZZLE;
import static io.trm4j.heads.sudoku.SudokuHeadTest.SOLUTION;
import static io.trm4j.heads.sudoku.SudokuHeadTest.SUDOKU_MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search augment's Sudoku variants: valid puzzles of the same shape, whose answers map back exactly. */
class SudokuSymmetryTest {
    private final SudokuHead head = new SudokuHead();

    @Test
    void theVariantsSolutionMapsBackToThePuzzlesSolution() {
        SudokuPuzzle puzzle = head.parse(PUZZLE);
        SudokuPuzzle solved = head.parse(SOLUTION);
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            Variant<SudokuPuzzle> v = head.variant(puzzle, new SplittableRandom(seed), SUDOKU_MODEL);
            // the same symmetry applied to the solution solves the variant
            Variant<SudokuPuzzle> vs = head.variant(solved, new SplittableRandom(seed), SUDOKU_MODEL);
            assertEquals(puzzle.givens(), v.input().givens());
            assertTrue(head.verify(v.input(), new SudokuGrid(vs.input().cells(), v.input())).status()
                    == Verdict.Status.SOLVED, "seed " + seed);
            seen.add(v.input().toCompact());

            // the model's row for the variant, answering its solution, decodes to the original solution
            EncodedBatch variantTokens = head.encode(vs.input(), SUDOKU_MODEL);
            RowResult back = v.toOriginal(ConfidentRows.of(variantTokens.tokens()[0], SudokuHead.VOCAB));
            SudokuGrid answer = head.decode(puzzle, head.encode(puzzle, SUDOKU_MODEL), List.of(back), SUDOKU_MODEL);
            assertEquals(SOLUTION, answer.toCompact(), "seed " + seed);
        }
        assertTrue(seen.size() > 45, "50 draws give different variants: " + seen.size());
    }
}
