package io.trm4j.heads.arc;

import io.trm4j.core.head.RenderStyle;

/**
 * Draws an answer: COMPACT is the submission JSON; PLAIN writes each attempt as rows of digits;
 * ANSI paints each cell as two spaces on the usual ARC palette (256-color backgrounds).
 */
final class ArcRenderer {
    /**
     * The ARC palette in xterm-256 colors: 0 black, 1 blue, 2 red, 3 green, 4 yellow, 5 grey,
     * 6 magenta, 7 orange, 8 light blue, 9 maroon.
     */
    static final int[] PALETTE = {16, 27, 196, 40, 220, 248, 201, 208, 117, 88};
    private static final String RESET = "\u001b[0m";

    private ArcRenderer() {
    }

    static String render(ArcAnswer answer, RenderStyle style) {
        if (style == RenderStyle.COMPACT) {
            return answer.toSubmissionJson();
        }
        boolean ansi = style == RenderStyle.ANSI;
        StringBuilder sb = new StringBuilder();
        for (String note : answer.notes()) {
            sb.append("warning: ").append(note).append('\n');
        }
        int n = answer.predictions().size();
        for (int i = 0; i < n; i++) {
            ArcPrediction p = answer.predictions().get(i);
            String test = n > 1 ? "test " + (i + 1) + ": " : "";
            if (!p.hasAttempts()) {
                sb.append(test).append(p.problem()).append('\n');
                continue;
            }
            sb.append(test).append("attempt 1").append(votes(p, 0)).append('\n');
            grid(sb, p.attempt1(), ansi);
            if (p.candidates().size() > 1) {
                sb.append(test).append("attempt 2").append(votes(p, 1)).append('\n');
                grid(sb, p.attempt2(), ansi);
            } else {
                sb.append(test).append("attempt 2: same as attempt 1 (one distinct grid)\n");
            }
        }
        return sb.toString();
    }

    private static String votes(ArcPrediction p, int rank) {
        ArcVoting.Candidate c = p.candidates().get(rank);
        return String.format(java.util.Locale.ROOT, " (%dx%d, %d of %d votes, mean confidence %.2f)",
                c.grid().rows(), c.grid().cols(), c.votes(), p.rows(), c.meanConfidence());
    }

    static void grid(StringBuilder sb, ArcGrid g, boolean ansi) {
        for (int r = 0; r < g.rows(); r++) {
            for (int c = 0; c < g.cols(); c++) {
                int color = g.at(r, c);
                if (ansi) {
                    sb.append("\u001b[48;5;").append(PALETTE[color]).append("m  ");
                } else {
                    sb.append(c == 0 ? "" : " ").append(color);
                }
            }
            sb.append(ansi ? RESET + "\n" : "\n");
        }
    }
}
