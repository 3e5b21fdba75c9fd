package io.trm4j.examples.puzzles;

import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.heads.Heads;
import io.trm4j.heads.sudoku.SudokuGrid;
import io.trm4j.heads.sudoku.SudokuPuzzle;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The quick start of docs/LIBRARY.md, compiled and run here so that it keeps working: the lines
 * between the markers are the snippet, with the imports above (JUnit's and java.io's aside).
 */
class QuickStartTest {
    @Test
    void theQuickStartPrintsTheSolvedSudoku() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- quick start ---
            try (Reasoner<SudokuPuzzle, SudokuGrid> sudoku = Trm.load(Heads.SUDOKU)) {
                Reasoning<SudokuGrid> result = sudoku.reasonText(
                        "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....");
                System.out.println(result.answer().toCompact() + " " + result.verdict().status());
            }
            // --- end ---
        } finally {
            System.setOut(stdout);
        }
        assertEquals("471382956985641273263597418638915742592874361147263895724158639856739124319426587 SOLVED",
                printed.toString(StandardCharsets.UTF_8).strip());
    }
}
