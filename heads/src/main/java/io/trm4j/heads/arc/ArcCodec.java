package io.trm4j.heads.arc;

/**
 * The official TRM ARC tokenization ({@code dataset/build_arc_dataset.py},
 * {@code np_grid_to_seq_translational_augment}): a 30x30 canvas, row-major; pad 0, end-of-grid
 * marker 1, color c -> c + 2 (vocab 12). The grid sits at the top-left (the builder shifts it to a
 * random offset only for training examples, never for the test split). The marker fills the row
 * just below the grid (its columns only) and the column just right of it (its rows only), each when
 * it is still inside the canvas; the corner cell diagonally past the grid stays pad.
 */
public final class ArcCodec {
    public static final int SIDE = ArcGrid.MAX_SIDE;
    public static final int SEQ_LEN = SIDE * SIDE;
    public static final int PAD = 0;
    public static final int EOS = 1;
    public static final int COLOR_OFFSET = 2;
    public static final int VOCAB = ArcGrid.COLORS + COLOR_OFFSET;

    private ArcCodec() {
    }

    /** The grid at the top-left of the canvas (as at test time). */
    public static long[] encode(ArcGrid grid) {
        return encode(grid, 0, 0);
    }

    /** The grid with its top-left corner at row {@code padR}, column {@code padC} (training translations). */
    public static long[] encode(ArcGrid grid, int padR, int padC) {
        int rows = grid.rows();
        int cols = grid.cols();
        if (padR < 0 || padC < 0 || padR + rows > SIDE || padC + cols > SIDE) {
            throw new IllegalArgumentException("a " + rows + "x" + cols + " grid at offset (" + padR + ", " + padC
                    + ") does not fit the " + SIDE + "x" + SIDE + " canvas");
        }
        long[] row = new long[SEQ_LEN];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                row[(padR + r) * SIDE + padC + c] = grid.at(r, c) + COLOR_OFFSET;
            }
        }
        int eosRow = padR + rows;
        int eosCol = padC + cols;
        if (eosRow < SIDE) {
            for (int c = padC; c < eosCol; c++) {
                row[eosRow * SIDE + c] = EOS;
            }
        }
        if (eosCol < SIDE) {
            for (int r = padR; r < eosRow; r++) {
                row[r * SIDE + eosCol] = EOS;
            }
        }
        return row;
    }

    /**
     * Reads a predicted canvas back into a grid as the official evaluator's {@code _crop} does: the
     * largest top-left rectangle holding only color tokens (2..11), found row by row with the
     * usable width shrinking at the first non-color token. A well-formed prediction (markers where
     * the encoder puts them) gives exactly the grid; missing or ragged markers give that rectangle;
     * when the top-left cell is not a color there is no valid grid. Never throws for a row of the
     * right length.
     */
    public static Decoded decode(int[] tokens) {
        if (tokens == null || tokens.length != SEQ_LEN) {
            return Decoded.invalid("no valid grid: the prediction has " + (tokens == null ? 0 : tokens.length)
                    + " tokens, not " + SEQ_LEN + " (30x30)");
        }
        int bestArea = 0;
        int bestRows = 0;
        int bestCols = 0;
        int width = SIDE;
        for (int r = 1; r <= SIDE; r++) {
            for (int c = 1; c <= width; c++) {
                if (!isColor(tokens[(r - 1) * SIDE + c - 1])) {
                    width = c - 1;
                    break;
                }
            }
            if (r * width > bestArea) {
                bestArea = r * width;
                bestRows = r;
                bestCols = width;
            }
        }
        if (bestArea == 0) {
            return Decoded.invalid("no valid grid: the top-left cell is " + describe(tokens[0]) + ", not a color");
        }
        int[] cells = new int[bestRows * bestCols];
        for (int r = 0; r < bestRows; r++) {
            for (int c = 0; c < bestCols; c++) {
                cells[r * bestCols + c] = tokens[r * SIDE + c] - COLOR_OFFSET;
            }
        }
        return Decoded.of(ArcGrid.of(bestRows, bestCols, cells), wellFormed(tokens, bestRows, bestCols));
    }

    /** Whether the markers bound the grid exactly as {@link #encode(ArcGrid)} writes them. */
    private static boolean wellFormed(int[] tokens, int rows, int cols) {
        for (int c = 0; c < cols && rows < SIDE; c++) {
            if (tokens[rows * SIDE + c] != EOS) {
                return false;
            }
        }
        for (int r = 0; r < rows && cols < SIDE; r++) {
            if (tokens[r * SIDE + cols] != EOS) {
                return false;
            }
        }
        return true;
    }

    static boolean isColor(int token) {
        return token >= COLOR_OFFSET && token < VOCAB;
    }

    private static String describe(int token) {
        return token == PAD ? "pad (0)" : token == EOS ? "the end marker (1)" : "token " + token;
    }

    /** A decoded prediction: a grid, or why there is none ({@code problem}). */
    public record Decoded(ArcGrid grid, boolean wellFormed, String problem) {
        static Decoded of(ArcGrid grid, boolean wellFormed) {
            return new Decoded(grid, wellFormed, "");
        }

        static Decoded invalid(String problem) {
            return new Decoded(null, false, problem);
        }

        public boolean valid() {
            return grid != null;
        }
    }
}
