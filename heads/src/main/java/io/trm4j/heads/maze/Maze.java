package io.trm4j.heads.maze;

import static java.util.Objects.requireNonNull;

/**
 * A maze to solve: {@code rows x cols} cells in row-major order, each {@code '#'} wall, {@code ' '}
 * open, {@code 'S'} start or {@code 'G'} goal, with exactly one start and one goal. Construction
 * checks the shape only; {@link MazeParser} reads the usual text forms with positioned errors (and
 * reads the {@code 'o'} marks of a solved maze as open cells, so an answer can be fed back).
 */
public record Maze(int rows, int cols, String cells) {
    /** The largest side a maze may have (the TRM Maze-Hard canvas). */
    public static final int MAX_SIDE = 30;
    public static final char WALL = '#';
    public static final char OPEN = ' ';
    public static final char START = 'S';
    public static final char GOAL = 'G';
    public static final char PATH = 'o';

    public Maze {
        requireNonNull(cells, "cells is null");
        checkShape(rows, cols, cells);
        for (int i = 0; i < cells.length(); i++) {
            char ch = cells.charAt(i);
            if (ch != WALL && ch != OPEN && ch != START && ch != GOAL) {
                throw new IllegalArgumentException("cell " + i + " is '" + ch + "', expected '#', ' ', 'S' or 'G'");
            }
        }
        if (count(cells, START) != 1 || count(cells, GOAL) != 1) {
            throw new IllegalArgumentException("a maze has exactly one 'S' and one 'G', got "
                    + count(cells, START) + " and " + count(cells, GOAL));
        }
    }

    public int size() {
        return cells.length();
    }

    public char cell(int index) {
        return cells.charAt(index);
    }

    public int start() {
        return cells.indexOf(START);
    }

    public int goal() {
        return cells.indexOf(GOAL);
    }

    /** "row 3, column 7" (1-based, as people count). */
    public String position(int index) {
        return position(cols, index);
    }

    /** The one-line row-major form (as in the evaluation CSVs). */
    public String toCompact() {
        return cells;
    }

    @Override
    public String toString() {
        return toCompact();
    }

    static String position(int cols, int index) {
        return "row " + (index / cols + 1) + ", column " + (index % cols + 1);
    }

    static void checkShape(int rows, int cols, String cells) {
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("a maze has 1 to " + MAX_SIDE + " rows and columns, got "
                    + rows + "x" + cols);
        }
        if (cells.length() != rows * cols) {
            throw new IllegalArgumentException(rows + "x" + cols + " cells expected, got " + cells.length());
        }
    }

    static int count(String cells, char ch) {
        int n = 0;
        for (int i = 0; i < cells.length(); i++) {
            n += cells.charAt(i) == ch ? 1 : 0;
        }
        return n;
    }
}
