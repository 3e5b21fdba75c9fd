package io.trm4j.cli;

import io.trm4j.core.loop.StepRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One puzzle's trace as an SVG picture ({@code trm solve --trace-out}): a header with the verdict,
 * the halting confidence as a line over the steps, then the grid of every supervision step laid out
 * by {@link TraceLayout}. A cell whose token changed since the previous step has a thick border and
 * a corner triangle, so the picture reads without colour. Padding is light grey and {@code #} a dark
 * cell; cells too small for text are filled with a colour per token instead. Plain SVG text with a
 * few CSS classes, one {@code <text>} per row and {@code <use>} for repeated shapes: no dependency,
 * and a Sudoku's 32 steps take 60 KB.
 */
final class TracePicture {
    static final int MARGIN = 16;
    static final int GAP = 18;
    static final int MAX_WIDTH = 1200;
    static final int PANEL_WIDTH = 216;
    static final int TITLE = 18;
    static final int CHART_HEIGHT = 96;
    /** The picture's CSS; %d is the cells' font size. */
    static final String STYLE = "<style>text{font-family:sans-serif;font-size:12px;fill:#222}"
            + ".v{font-family:monospace;text-anchor:middle;dominant-baseline:central;font-size:%dpx}"
            + ".h{font-size:15px;font-weight:bold}.s{font-size:11px;fill:#555}"
            + ".g{fill:none;stroke:#bbb;stroke-width:.6}.f{fill:none;stroke:#666;stroke-width:1}"
            + ".p{fill:#eee}.e{fill:#bbb}.w{fill:#333}.x{fill:none;stroke:#c0392b;stroke-width:2.4}.m{fill:#c0392b}"
            + ".l{fill:none;stroke:#1f5fa8;stroke-width:2}.d{fill:#1f5fa8}.a{stroke:#999;stroke-width:.6}</style>\n";
    private static final String[] TOKEN_FILLS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78"};

    /** What the header says, besides the trace itself. */
    record Header(String title, String verdict, String detail, int steps, String halt, float confidence) {
        Header {
            requireNonNull(title, "title is null");
            requireNonNull(verdict, "verdict is null");
            requireNonNull(detail, "detail is null");
            requireNonNull(halt, "halt is null");
        }
    }

    private TracePicture() {
    }

    static String svg(Header header, TraceLayout layout, List<StepRecord> trace) {
        List<String> lines = subtitle(header, layout, trace);
        TraceGeometry g = new TraceGeometry(layout, trace, lines.size());
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
                .append(g.width).append("\" height=\"").append(g.height).append("\" viewBox=\"0 0 ").append(g.width)
                .append(' ').append(g.height).append("\" role=\"img\">\n");
        sb.append("<title>").append(esc(header.title() + ": " + header.verdict() + " after " + header.steps()
                + " steps")).append("</title>\n");
        sb.append("<desc>The grid of every supervision step; cells with a thick border and a corner triangle "
                + "changed since the previous step. The line shows the halting confidence per step.</desc>\n");
        sb.append(String.format(Locale.ROOT, STYLE, g.fontSize));
        defs(sb, g);
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        sb.append("<text x=\"").append(MARGIN).append("\" y=\"24\" class=\"h\">").append(esc(header.title()))
                .append(": ").append(esc(header.verdict())).append("</text>\n");
        for (int i = 0; i < lines.size(); i++) {
            sb.append("<text x=\"").append(MARGIN).append("\" y=\"").append(42 + 16 * i).append("\" class=\"s\">")
                    .append(esc(lines.get(i))).append("</text>\n");
        }
        chart(sb, g, trace);
        int[] previous = null;
        for (int i = 0; i < trace.size(); i++) {
            StepRecord s = trace.get(i);
            int x = MARGIN + (i % g.perLine) * (g.panelWidth + GAP);
            int y = g.panelsTop + (i / g.perLine) * (g.panelHeight + GAP);
            panel(sb, g, layout, s, previous, x, y);
            previous = s.prediction();
        }
        sb.append("<text x=\"").append(MARGIN).append("\" y=\"").append(g.height - 10).append("\" class=\"s\">")
                .append("Thick border and corner triangle: changed since the previous step. Light grey: padding; "
                        + "grey: other special tokens (e.g. end of grid).")
                .append("</text>\n</svg>\n");
        return sb.toString();
    }

    /** The line under the title, and the verdict's detail wrapped to the picture's width (at most 3 lines). */
    private static List<String> subtitle(Header h, TraceLayout layout, List<StepRecord> trace) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%d steps, halted by %s, final confidence %.3f", h.steps(), h.halt(),
                h.confidence()));
        int width = Math.max(60, (new TraceGeometry(layout, trace, 1).width - 2 * MARGIN) / 6);
        String rest = h.detail().strip();
        while (!rest.isEmpty() && lines.size() < 4) {
            int cut = rest.length() <= width ? rest.length() : Math.max(rest.lastIndexOf(' ', width), width / 2);
            if (lines.size() == 3 && cut < rest.length()) {
                lines.add(rest.substring(0, width - 3) + "...");
                break;
            }
            lines.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        return lines;
    }

    /** Confidence (sigmoid of q_halt) per step on 0..1, the 0.5 line being where ACT would halt. */
    private static void chart(StringBuilder sb, TraceGeometry g, List<StepRecord> trace) {
        int left = MARGIN + 34;
        int right = g.width - MARGIN;
        int top = g.chartTop;
        int bottom = top + CHART_HEIGHT - 22;
        sb.append("<g>\n<text x=\"").append(MARGIN).append("\" y=\"").append(top - 10)
                .append("\" class=\"s\">halting confidence</text>\n");
        for (double v : new double[]{0, 0.5, 1}) {
            double y = bottom - v * (bottom - top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"a\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"s\">%.1f</text>%n", left, right, y, y, MARGIN + 8, y + 4, v));
        }
        int n = trace.size();
        int every = Math.max(1, (int) Math.ceil(18.0 * n / Math.max(1, right - left)));
        StringBuilder line = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? (left + right) / 2.0 : left + i * (right - left) / (double) (n - 1);
            double y = bottom - clamp(trace.get(i).confidence()) * (bottom - top);
            line.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" class=\"d\"><title>step %d: "
                    + "%.3f</title></circle>", x, y, trace.get(i).step(), trace.get(i).confidence()));
            if (i % every == 0 || i == n - 1) {
                dots.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"s\" text-anchor=\"middle\">"
                        + "%d</text>", x, bottom + 14, trace.get(i).step()));
            }
        }
        if (n > 1) {
            sb.append("<path d=\"").append(line).append("\" class=\"l\"/>\n");
        }
        sb.append(dots).append("\n</g>\n");
    }

    static void panel(StringBuilder sb, TraceGeometry g, TraceLayout layout, StepRecord s, int[] previous, int x,
                              int y) {
        int[] p = s.prediction();
        int changed = 0;
        if (previous != null) {
            for (int i = 0; i < p.length; i++) {
                changed += i >= previous.length || p[i] != previous[i] ? 1 : 0;
            }
        }
        sb.append("<g transform=\"translate(").append(x).append(',').append(y).append(")\">\n");
        String title = String.format(Locale.ROOT, "step %d  %.3f%s", s.step(), s.confidence(),
                previous == null ? "" : changed == 0 ? "  unchanged" : "  " + changed + " changed");
        sb.append("<text y=\"12\" class=\"s\">").append(esc(title)).append("</text>\n");
        sb.append("<g transform=\"translate(0,").append(TITLE).append(")\">");
        StringBuilder marks = new StringBuilder();
        for (int r = 0; r < layout.rows(); r++) {
            int cy = r * g.cellHeight;
            StringBuilder xs = new StringBuilder(); // one-character labels: one <text> per row, an x per glyph
            StringBuilder glyphs = new StringBuilder();
            for (int c = 0; c < layout.cols(); c++) {
                int pos = layout.position(r, c);
                if (pos < 0 || pos >= p.length) {
                    continue;
                }
                int cx = c * g.cellWidth;
                String label = layout.label(p[pos]);
                String fill = fill(g, layout, p[pos], label);
                if (fill != null) {
                    use(sb, fill, cx, cy);
                } else if (label.length() == 1 && !label.isBlank()) {
                    xs.append(xs.length() == 0 ? "" : " ").append(cx + g.cellWidth / 2);
                    glyphs.append(label);
                } else if (!label.isBlank()) {
                    sb.append("<text x=\"").append(cx + g.cellWidth / 2).append("\" y=\"").append(cy + g.cellHeight / 2)
                            .append("\" class=\"v\">").append(esc(label)).append("</text>");
                }
                if (previous != null && (pos >= previous.length || previous[pos] != p[pos])) {
                    use(marks, "k", cx, cy);
                }
            }
            if (glyphs.length() > 0) {
                sb.append("<text x=\"").append(xs).append("\" y=\"").append(cy + g.cellHeight / 2)
                        .append("\" class=\"v\">").append(esc(glyphs.toString())).append("</text>");
            }
        }
        sb.append(gridLines(g, layout)).append(marks).append("</g>\n</g>\n");
    }

    /** The shape a cell is drawn as, if not as text: padding, a wall, a special token, or a colour (tiny cells). */
    private static String fill(TraceGeometry g, TraceLayout layout, int token, String label) {
        if (layout.isPad(token)) {
            return "p";
        }
        if (label.equals("#")) {
            return "w";
        }
        if (special(label)) {
            return "e";
        }
        return g.text ? null : "t" + Math.floorMod(token, TOKEN_FILLS.length);
    }

    private static void use(StringBuilder sb, String id, int x, int y) {
        sb.append("<use xlink:href=\"#").append(id).append("\" x=\"").append(x).append("\" y=\"").append(y)
                .append("\"/>");
    }

    /** The shapes every panel uses: cell fills, and the changed mark (a border and a corner triangle). */
    static void defs(StringBuilder sb, TraceGeometry g) {
        String size = "width=\"" + g.cellWidth + "\" height=\"" + g.cellHeight + "\"";
        sb.append("<defs><rect id=\"p\" ").append(size).append(" class=\"p\"/><rect id=\"w\" ").append(size)
                .append(" class=\"w\"/><rect id=\"e\" ").append(size).append(" class=\"e\"/>");
        if (!g.text) {
            for (int t = 0; t < TOKEN_FILLS.length; t++) {
                sb.append("<rect id=\"t").append(t).append("\" ").append(size).append(" fill=\"").append(TOKEN_FILLS[t])
                        .append("\"/>");
            }
        }
        sb.append(String.format(Locale.ROOT, "<g id=\"k\"><rect x=\"1.2\" y=\"1.2\" width=\"%.1f\" height=\"%.1f\" "
                + "class=\"x\"/><path d=\"M%d 0h%dv%dz\" class=\"m\"/></g></defs>%n", g.cellWidth - 2.4,
                g.cellHeight - 2.4, g.cellWidth - g.mark, g.mark, g.mark));
    }

    /** The cell borders of a panel as one path, and its frame. */
    private static String gridLines(TraceGeometry g, TraceLayout layout) {
        int w = layout.cols() * g.cellWidth;
        int h = layout.rows() * g.cellHeight;
        StringBuilder d = new StringBuilder();
        for (int r = 1; r < layout.rows(); r++) {
            d.append('M').append(0).append(' ').append(r * g.cellHeight).append('h').append(w);
        }
        for (int c = 1; c < layout.cols(); c++) {
            d.append('M').append(c * g.cellWidth).append(' ').append(0).append('v').append(h);
        }
        return (d.length() == 0 ? "" : "<path d=\"" + d + "\" class=\"g\"/>")
                + "<rect width=\"" + w + "\" height=\"" + h + "\" class=\"f\"/>";
    }

    /** A token such as {@code <pad>} or {@code <eos>}: drawn as a grey cell, not as text. */
    static boolean special(String label) {
        return label.length() > 2 && label.startsWith("<") && label.endsWith(">");
    }

    static double clamp(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch < 0x20 && ch != '\n' && ch != '\t' ? ' ' : ch);
            }
        }
        return sb.toString();
    }
}
