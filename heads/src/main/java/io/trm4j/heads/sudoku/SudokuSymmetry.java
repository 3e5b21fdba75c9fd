package io.trm4j.heads.sudoku;

import io.trm4j.core.head.Variant;

import java.util.SplittableRandom;

/**
 * Random Sudoku symmetries, the ones the bundled model was trained under
 * ({@code export-scripts/trm/sudoku.py augment}): the digits relabelled, the bands and the rows
 * within each band permuted, the stacks and the columns within each stack permuted, and half the
 * time the grid transposed. Each maps a puzzle to one with the same number of solutions, the
 * solution mapped alike.
 */
final class SudokuSymmetry {
    private static final int N = 9;

    private SudokuSymmetry() {
    }

    /** A random variant of {@code puzzle}, with the maps from its rows back to the puzzle's. */
    static Variant<SudokuPuzzle> draw(SudokuPuzzle puzzle, SplittableRandom random) {
        int[] relabel = permutation(N, random); // digit d becomes relabel[d - 1] + 1
        int[] rows = lines(random);
        int[] cols = lines(random);
        boolean transpose = random.nextBoolean();
        int[] cells = new int[SudokuPuzzle.SIZE];
        int[] sourcePosition = new int[SudokuPuzzle.SIZE];
        for (int r = 0; r < N; r++) {
            for (int c = 0; c < N; c++) {
                int v = r * N + c;
                int from = transpose ? rows[c] * N + cols[r] : rows[r] * N + cols[c];
                int digit = puzzle.cell(from);
                cells[v] = digit == 0 ? 0 : relabel[digit - 1] + 1;
                sourcePosition[from] = v;
            }
        }
        int[] tokenBack = new int[SudokuHead.VOCAB]; // tokens: 0 pad, 1 blank, d + 1 digit d
        tokenBack[1] = 1;
        for (int d = 1; d <= N; d++) {
            tokenBack[relabel[d - 1] + 2] = d + 1;
        }
        return new Variant<>(new SudokuPuzzle(cells), sourcePosition, tokenBack);
    }

    /** Row (or column) order: the three bands permuted, and the three lines within each band. */
    private static int[] lines(SplittableRandom random) {
        int[] bands = permutation(3, random);
        int[] out = new int[N];
        for (int b = 0; b < 3; b++) {
            int[] within = permutation(3, random);
            for (int i = 0; i < 3; i++) {
                out[b * 3 + i] = bands[b] * 3 + within[i];
            }
        }
        return out;
    }

    /** A uniform permutation of 0..n-1 (Fisher-Yates). */
    private static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
