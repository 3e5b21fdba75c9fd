package io.trm4j.heads.arc;

import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * An ARC grid: 1..30 rows x 1..30 columns of colors 0-9, row-major. Immutable; equal when the shape
 * and every cell are equal. Use {@link ArcParser} for checked input from JSON.
 */
public final class ArcGrid {
    /** The largest side of an ARC grid (and the side of the model's canvas). */
    public static final int MAX_SIDE = 30;
    public static final int COLORS = 10;

    private final int rows;
    private final int cols;
    private final byte[] cells;

    private ArcGrid(int rows, int cols, byte[] cells) {
        this.rows = rows;
        this.cols = cols;
        this.cells = cells;
    }

    /** A grid from {@code rows x cols} colors, row-major; fails on a bad shape or a color outside 0-9. */
    public static ArcGrid of(int rows, int cols, int... cells) {
        requireNonNull(cells, "cells is null");
        if (rows < 1 || cols < 1 || rows > MAX_SIDE || cols > MAX_SIDE) {
            throw new IllegalArgumentException("grid " + rows + "x" + cols + " is outside 1x1.." + MAX_SIDE + "x"
                    + MAX_SIDE);
        }
        if (cells.length != rows * cols) {
            throw new IllegalArgumentException(cells.length + " cells for a " + rows + "x" + cols + " grid");
        }
        byte[] b = new byte[cells.length];
        for (int i = 0; i < cells.length; i++) {
            if (cells[i] < 0 || cells[i] >= COLORS) {
                throw new IllegalArgumentException("color " + cells[i] + " at row " + (i / cols + 1) + ", column "
                        + (i % cols + 1) + " is not 0-9");
            }
            b[i] = (byte) cells[i];
        }
        return new ArcGrid(rows, cols, b);
    }

    /** A grid from rows of colors, e.g. {@code ArcGrid.of(new int[][] {{1, 2}, {3, 4}})}. */
    public static ArcGrid of(int[][] rows) {
        requireNonNull(rows, "rows is null");
        int cols = rows.length == 0 ? 0 : rows[0].length;
        int[] cells = new int[rows.length * cols];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + rows[r].length + " cells, row 1 has "
                        + cols);
            }
            System.arraycopy(rows[r], 0, cells, r * cols, cols);
        }
        return of(rows.length, cols, cells);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The color at row {@code r}, column {@code c} (from 0). */
    public int at(int r, int c) {
        return cells[r * cols + c];
    }

    public int[][] toArray() {
        int[][] out = new int[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = at(r, c);
            }
        }
        return out;
    }

    /** Compact JSON, e.g. {@code [[1,2],[3,4]]}. */
    public String toJson() {
        StringBuilder sb = new StringBuilder(rows * (2 * cols + 2) + 2).append('[');
        for (int r = 0; r < rows; r++) {
            sb.append(r == 0 ? "[" : ",[");
            for (int c = 0; c < cols; c++) {
                if (c > 0) {
                    sb.append(',');
                }
                sb.append(at(r, c));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArcGrid g && g.rows == rows && g.cols == cols && Arrays.equals(g.cells, cells);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(cells);
    }

    @Override
    public String toString() {
        return rows + "x" + cols + " " + toJson();
    }
}
