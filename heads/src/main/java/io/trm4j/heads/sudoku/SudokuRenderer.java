package io.trm4j.heads.sudoku;

import io.trm4j.core.head.RenderStyle;

/** Draws a grid: boxes separated, givens plain, filled cells green, rule breakers red (ANSI). */
final class SudokuRenderer {
    private static final String RESET = "\u001b[0m";
    private static final String GIVEN = "\u001b[1m";
    private static final String FILLED = "\u001b[32m";
    private static final String CONFLICT = "\u001b[1;31m";

    private SudokuRenderer() {
    }

    static String render(SudokuGrid grid, RenderStyle style) {
        if (style == RenderStyle.COMPACT) {
            return grid.toCompact();
        }
        boolean ansi = style == RenderStyle.ANSI;
        boolean[] conflicts = SudokuRules.conflicts(grid.cells());
        StringBuilder sb = new StringBuilder(300);
        for (int r = 0; r < 9; r++) {
            if (r > 0 && r % 3 == 0) {
                sb.append("------+-------+------\n");
            }
            for (int c = 0; c < 9; c++) {
                if (c > 0) {
                    sb.append(c % 3 == 0 ? " | " : " ");
                }
                int i = r * 9 + c;
                char digit = grid.cell(i) == 0 ? '.' : (char) ('0' + grid.cell(i));
                if (!ansi) {
                    sb.append(digit);
                } else {
                    String color = conflicts[i] ? CONFLICT : grid.puzzle().isGiven(i) ? GIVEN : FILLED;
                    sb.append(color).append(digit).append(RESET);
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
