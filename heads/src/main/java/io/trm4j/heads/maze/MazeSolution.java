package io.trm4j.heads.maze;

import io.trm4j.core.head.StructuredAnswer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * An answer: the maze's cells with the path marked {@code 'o'}, row-major. It may be wrong;
 * {@link MazeHead#verify} says whether it is a shortest path.
 */
public record MazeSolution(int rows, int cols, String cells) implements StructuredAnswer {
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

    /** Columns (the same as {@link #cols()}). */
    public int width() {
        return cols;
    }

    /** Rows (the same as {@link #rows()}). */
    public int height() {
        return rows;
    }

    /** The rows top to bottom, each {@link #width()} characters: {@code '#'} wall, {@code 'o'} path. */
    public List<String> lines() {
        List<String> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(cells.substring(r * cols, (r + 1) * cols));
        }
        return List.copyOf(out);
    }

    /** {@code width}, {@code height}, {@code rows} (the lines) and {@code path_cells}. */
    @Override
    public Map<String, Object> structured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("width", cols);
        out.put("height", rows);
        out.put("rows", lines());
        out.put("path_cells", marked());
        return out;
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
