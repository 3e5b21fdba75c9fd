package io.trm4j.heads.maze;

import io.trm4j.core.head.Verdict;

import java.util.Arrays;

/**
 * Shortest paths (4-neighbour moves through any cell but a wall) and the check of a marked path.
 * A path's length is its number of moves from S to G: its {@code 'o'} cells plus one.
 */
final class MazePaths {
    private static final int[] DR = {-1, 1, 0, 0};
    private static final int[] DC = {0, 0, -1, 1};

    private MazePaths() {
    }

    /** Moves on a shortest path from S to G (breadth-first search), or -1 when G cannot be reached. */
    static int shortest(Maze maze) {
        int[] dist = new int[maze.size()];
        Arrays.fill(dist, -1);
        int[] queue = new int[maze.size()];
        int head = 0;
        int tail = 0;
        queue[tail++] = maze.start();
        dist[maze.start()] = 0;
        int[] next = new int[4];
        while (head < tail) {
            int cur = queue[head++];
            if (cur == maze.goal()) {
                return dist[cur];
            }
            int n = neighbours(maze.rows(), maze.cols(), cur, next);
            for (int k = 0; k < n; k++) {
                int nb = next[k];
                if (dist[nb] < 0 && maze.cell(nb) != Maze.WALL) {
                    dist[nb] = dist[cur] + 1;
                    queue[tail++] = nb;
                }
            }
        }
        return -1;
    }

    /**
     * Solved when the answer keeps the maze's walls, S and G, and its {@code 'o'} cells with S and G
     * form one simple 4-neighbour path from S to G (each {@code 'o'} cell has exactly two path
     * neighbours, S and G exactly one, no marked cell off the path) as short as the shortest path.
     */
    static Verdict verify(Maze maze, MazeSolution answer) {
        if (answer.rows() != maze.rows() || answer.cols() != maze.cols()) {
            return Verdict.unsolved("the answer is " + answer.rows() + "x" + answer.cols() + ", the maze "
                    + maze.rows() + "x" + maze.cols());
        }
        String changed = firstChangedCell(maze, answer);
        if (changed != null) {
            return Verdict.unsolved(changed);
        }
        int shortest = shortest(maze);
        if (shortest < 0) {
            return Verdict.unsolved("no path exists from S to G");
        }
        if (answer.marked() == 0 && shortest > 1) {
            return Verdict.unsolved("no path marked");
        }
        boolean[] onPath = new boolean[maze.size()];
        int[] next = new int[4];
        int prev = -1;
        int cur = maze.start();
        int moves = 0;
        onPath[cur] = true;
        while (true) {
            int found = -1;
            int count = 0;
            int n = neighbours(maze.rows(), maze.cols(), cur, next);
            for (int k = 0; k < n; k++) {
                if (next[k] != prev && isPath(answer, next[k])) {
                    count++;
                    found = next[k];
                }
            }
            if (cur == maze.goal() && count == 0) {
                break;
            }
            if (count == 0) {
                return Verdict.unsolved("broken path at " + maze.position(cur)
                        + (cur == maze.start() ? " (nothing marked next to the start S)" : ""));
            }
            if (count > 1 || cur == maze.goal() || onPath[found]) { // a cell on the path touches it twice
                return Verdict.unsolved("the path branches at " + maze.position(cur));
            }
            prev = cur;
            cur = found;
            onPath[cur] = true;
            moves++;
        }
        for (int i = 0; i < maze.size(); i++) {
            if (answer.cell(i) == Maze.PATH && !onPath[i]) {
                return Verdict.unsolved("extra marked cells off the path, first at " + maze.position(i));
            }
        }
        return moves > shortest
                ? Verdict.unsolved("not shortest: length " + moves + " vs shortest " + shortest)
                : Verdict.solved();
    }

    /** What the answer changed that only the path may change (walls, S, G), or null. */
    private static String firstChangedCell(Maze maze, MazeSolution answer) {
        for (int i = 0; i < maze.size(); i++) {
            char want = maze.cell(i);
            char got = answer.cell(i);
            if (want == Maze.OPEN ? got == Maze.OPEN || got == Maze.PATH : got == want) {
                continue;
            }
            if (want == Maze.WALL && got == Maze.PATH) {
                return "the path goes through a wall at " + maze.position(i);
            }
            return "the '" + want + "' at " + maze.position(i) + " was changed to '" + got + "'";
        }
        return null;
    }

    private static boolean isPath(MazeSolution answer, int i) {
        char ch = answer.cell(i);
        return ch == Maze.PATH || ch == Maze.START || ch == Maze.GOAL;
    }

    /** Writes the in-grid 4-neighbours of {@code cell} into {@code out}; returns how many. */
    private static int neighbours(int rows, int cols, int cell, int[] out) {
        int r = cell / cols;
        int c = cell % cols;
        int n = 0;
        for (int k = 0; k < 4; k++) {
            int nr = r + DR[k];
            int nc = c + DC[k];
            if (nr >= 0 && nr < rows && nc >= 0 && nc < cols) {
                out[n++] = nr * cols + nc;
            }
        }
        return n;
    }
}
