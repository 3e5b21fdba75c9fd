package io.trm4j.heads.sudoku;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * A 9x9 Sudoku puzzle: 81 cells in row-major order, 0 for a blank, 1-9 for a given.
 * Construction checks the digits only; {@link SudokuParser} also rejects givens that break a rule.
 */
public record SudokuPuzzle(int[] cells) {
    public static final int SIZE = 81;

    public SudokuPuzzle {
        cells = requireNonNull(cells, "cells is null").clone();
        if (cells.length != SIZE) {
            throw new IllegalArgumentException("a Sudoku has 81 cells, got " + cells.length);
        }
        for (int i = 0; i < SIZE; i++) {
            if (cells[i] < 0 || cells[i] > 9) {
                throw new IllegalArgumentException("cell " + i + " holds " + cells[i] + ", expected 0-9");
            }
        }
    }

    @Override
    public int[] cells() {
        return cells.clone();
    }

    public int cell(int index) {
        return cells[index];
    }

    public boolean isGiven(int index) {
        return cells[index] != 0;
    }

    public int givens() {
        return (int) Arrays.stream(cells).filter(c -> c != 0).count();
    }

    /** The 81-character form with {@code .} for blanks. */
    public String toCompact() {
        return compact(cells);
    }

    /** 81 cells as one line, {@code .} for 0 (shared with {@link SudokuGrid}). */
    static String compact(int[] cells) {
        StringBuilder sb = new StringBuilder(cells.length);
        for (int c : cells) {
            sb.append(c == 0 ? '.' : (char) ('0' + c));
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SudokuPuzzle p && Arrays.equals(cells, p.cells);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return toCompact();
    }
}
