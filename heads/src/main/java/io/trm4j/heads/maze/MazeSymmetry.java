package io.trm4j.heads.maze;

import io.trm4j.core.head.Variant;

import java.util.SplittableRandom;

/**
 * The 8 symmetries of the square (rotations, and rotations of the transpose), the ones the bundled
 * maze model was trained under ({@code export-scripts/trm/maze.py dihedral}). The transformed maze
 * sits at the canvas's top-left as every maze does; the pad around it maps to the pad around the
 * original in reading order (pad predictions are never read).
 */
final class MazeSymmetry {
    private MazeSymmetry() {
    }

    /** A random one of the 7 non-identity symmetries of {@code maze} on a {@code side x side} canvas. */
    static Variant<Maze> draw(Maze maze, int side, int vocab, SplittableRandom random) {
        return of(maze, side, vocab, 1 + random.nextInt(7));
    }

    /** Symmetry {@code t} (0..7): the transpose when {@code t >= 4}, then {@code t % 4} quarter turns anticlockwise. */
    static Variant<Maze> of(Maze maze, int side, int vocab, int t) {
        boolean transpose = t >= 4;
        int turns = t % 4;
        int rows = transpose ? maze.cols() : maze.rows(); // shape after the transpose
        int cols = transpose ? maze.rows() : maze.cols();
        int outRows = turns % 2 == 0 ? rows : cols;
        int outCols = turns % 2 == 0 ? cols : rows;
        char[] cells = new char[maze.size()];
        int[] sourcePosition = new int[side * side];
        boolean[] inMaze = new boolean[side * side];
        for (int r = 0; r < maze.rows(); r++) {
            for (int c = 0; c < maze.cols(); c++) {
                int tr = transpose ? c : r; // after the transpose
                int tc = transpose ? r : c;
                int[] out = turn(tr, tc, rows, cols, turns);
                cells[out[0] * outCols + out[1]] = maze.cell(r * maze.cols() + c);
                sourcePosition[r * side + c] = out[0] * side + out[1];
                inMaze[out[0] * side + out[1]] = true;
            }
        }
        int nextPad = 0; // original pad positions, in order, take the variant's pad positions in order
        for (int p = 0; p < side * side; p++) {
            if (p / side >= maze.rows() || p % side >= maze.cols()) {
                while (inMaze[nextPad]) {
                    nextPad++;
                }
                sourcePosition[p] = nextPad++;
            }
        }
        int[] tokenBack = new int[vocab];
        for (int i = 0; i < vocab; i++) {
            tokenBack[i] = i;
        }
        return new Variant<>(new Maze(outRows, outCols, new String(cells)), sourcePosition, tokenBack);
    }

    /** (r, c) of a rows x cols grid after {@code turns} quarter turns anticlockwise (numpy's rot90). */
    private static int[] turn(int r, int c, int rows, int cols, int turns) {
        return switch (turns) {
            case 0 -> new int[] {r, c};
            case 1 -> new int[] {cols - 1 - c, r};
            case 2 -> new int[] {rows - 1 - r, cols - 1 - c};
            default -> new int[] {c, rows - 1 - r};
        };
    }
}
