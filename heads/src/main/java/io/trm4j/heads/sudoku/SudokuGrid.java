package io.trm4j.heads.sudoku;

import io.trm4j.core.head.StructuredAnswer;

import java.util.Arrays;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A filled 9x9 grid (the answer) and the puzzle it answers, so givens stay distinguishable. */
public record SudokuGrid(int[] cells, SudokuPuzzle puzzle) implements StructuredAnswer {
    public SudokuGrid {
        cells = requireNonNull(cells, "cells is null").clone();
        requireNonNull(puzzle, "puzzle is null");
        if (cells.length != SudokuPuzzle.SIZE) {
            throw new IllegalArgumentException("a Sudoku grid has 81 cells, got " + cells.length);
        }
    }

    @Override
    public int[] cells() {
        return cells.clone();
    }

    public int cell(int index) {
        return cells[index];
    }

    /** The grid as 9 rows of 9 digits. */
    public int[][] rows() {
        int[][] out = new int[9][];
        for (int r = 0; r < 9; r++) {
            out[r] = Arrays.copyOfRange(cells, r * 9, (r + 1) * 9);
        }
        return out;
    }

    /** {@code rows}: 9 rows of 9 digits. */
    @Override
    public Map<String, Object> structured() {
        return Map.of("rows", rows());
    }

    /** The 81-digit form. */
    public String toCompact() {
        return SudokuPuzzle.compact(cells);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SudokuGrid g && Arrays.equals(cells, g.cells) && puzzle.equals(g.puzzle);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cells) + puzzle.hashCode();
    }

    @Override
    public String toString() {
        return toCompact();
    }
}
