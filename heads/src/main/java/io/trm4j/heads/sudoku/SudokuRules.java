package io.trm4j.heads.sudoku;

import java.util.ArrayList;
import java.util.List;

/** The rules: rows, columns and 3x3 boxes each hold 1-9 once. */
final class SudokuRules {
    /** The 27 units (9 rows, 9 columns, 9 boxes) as cell indices. */
    static final int[][] UNITS = units();
    static final String[] UNIT_NAMES = unitNames();
    /** Each cell's 20 peers: the other cells of its row, column and box. */
    static final int[][] PEERS = peers();

    private SudokuRules() {
    }

    static int row(int cell) {
        return cell / 9;
    }

    static int col(int cell) {
        return cell % 9;
    }

    /** "row 3, column 7" (1-based, as people count). */
    static String position(int cell) {
        return "row " + (row(cell) + 1) + ", column " + (col(cell) + 1);
    }

    /**
     * Cells that break a rule: a digit repeated in a unit marks every copy, and a blank or
     * out-of-range cell counts too.
     */
    static boolean[] conflicts(int[] cells) {
        boolean[] bad = new boolean[cells.length];
        for (int i = 0; i < cells.length; i++) {
            bad[i] = cells[i] < 1 || cells[i] > 9;
        }
        for (int[] unit : UNITS) {
            for (int a = 0; a < unit.length; a++) {
                for (int b = a + 1; b < unit.length; b++) {
                    int va = cells[unit[a]];
                    if (va != 0 && va == cells[unit[b]]) {
                        bad[unit[a]] = true;
                        bad[unit[b]] = true;
                    }
                }
            }
        }
        return bad;
    }

    /** A description of the first repeated given, or null when the givens break no rule. */
    static String firstRepeatedGiven(int[] cells) {
        for (int u = 0; u < UNITS.length; u++) {
            int[] unit = UNITS[u];
            for (int a = 0; a < unit.length; a++) {
                for (int b = a + 1; b < unit.length; b++) {
                    int v = cells[unit[a]];
                    if (v != 0 && v == cells[unit[b]]) {
                        return "given " + v + " at " + position(unit[b]) + " repeats the " + v + " at "
                                + position(unit[a]) + " in " + UNIT_NAMES[u];
                    }
                }
            }
        }
        return null;
    }

    private static int[][] units() {
        List<int[]> units = new ArrayList<>(27);
        for (int r = 0; r < 9; r++) {
            int[] u = new int[9];
            for (int c = 0; c < 9; c++) {
                u[c] = r * 9 + c;
            }
            units.add(u);
        }
        for (int c = 0; c < 9; c++) {
            int[] u = new int[9];
            for (int r = 0; r < 9; r++) {
                u[r] = r * 9 + c;
            }
            units.add(u);
        }
        for (int b = 0; b < 9; b++) {
            int[] u = new int[9];
            for (int k = 0; k < 9; k++) {
                u[k] = (b / 3 * 3 + k / 3) * 9 + b % 3 * 3 + k % 3;
            }
            units.add(u);
        }
        return units.toArray(new int[0][]);
    }

    private static int[][] peers() {
        int[][] peers = new int[81][];
        for (int cell = 0; cell < 81; cell++) {
            java.util.Set<Integer> set = new java.util.TreeSet<>();
            for (int[] unit : UNITS) {
                for (int c : unit) {
                    if (c == cell) {
                        for (int other : unit) {
                            if (other != cell) {
                                set.add(other);
                            }
                        }
                    }
                }
            }
            peers[cell] = set.stream().mapToInt(Integer::intValue).toArray();
        }
        return peers;
    }

    private static String[] unitNames() {
        String[] names = new String[27];
        for (int i = 0; i < 9; i++) {
            names[i] = "row " + (i + 1);
            names[9 + i] = "column " + (i + 1);
            names[18 + i] = "box " + (i + 1);
        }
        return names;
    }
}
