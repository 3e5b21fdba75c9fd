package io.trm4j.heads.maze;

import static java.util.Objects.requireNonNull;

/**
 * An answer: the maze's cells with the path marked {@code 'o'}, row-major. It may be wrong;
 * {@link MazeHead#verify} says whether it is a shortest path.
 */
public record MazeSolution(int rows, int cols, String cells) {
    public MazeSolution {
        requireNonNull(cells, "cells is null");
        Maze.checkShape(rows, cols, cells);
        for (int i = 0; i < cells.length(); i++) {
            if (MazeHead.CHARSET.indexOf(cells.charAt(i)) < 0) {
                throw new IllegalArgumentException("cell " + i + " is '" + cells.charAt(i)
                        + "', expected '#', ' ', 'S', 'G' or 'o'");
            }
        }
    }

    public int size() {
        return cells.length();
    }

    public char cell(int index) {
        return cells.charAt(index);
    }

    /** How many cells are marked {@code 'o'}. */
    public int marked() {
        return Maze.count(cells, Maze.PATH);
    }

    /** The one-line row-major form (the evaluation CSVs' answer column). */
    public String toCompact() {
        return cells;
    }

    @Override
    public String toString() {
        return toCompact();
    }
}
