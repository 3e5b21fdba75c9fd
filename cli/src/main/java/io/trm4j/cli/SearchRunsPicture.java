package io.trm4j.cli;

import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.search.SearchRunTrace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.trm4j.cli.TracePicture.CHART_HEIGHT;
import static io.trm4j.cli.TracePicture.GAP;
import static io.trm4j.cli.TracePicture.MARGIN;
import static io.trm4j.cli.TracePicture.esc;

/**
 * A traced search's runs side by side as one SVG picture ({@code trm solve --search ... --trace-out}):
 * one column per run, its header saying what the run was and its verdict, then the grid of each
 * supervision step, step k of every run on one line so that the runs compare across; above them the
 * halting confidence of every run as a line. The chosen run (the answer's) is framed and says
 * {@code chosen} in words, and its line is solid where the others are dashed, so the picture reads
 * without colour. At most {@link #MAX_RUNS} columns: the first runs and the chosen one.
 */
final class SearchRunsPicture {
    static final int MAX_RUNS = 12;
    private static final int HEADER = 66;
    private static final String EXTRA_STYLE = "<style>.r{font-size:13px;font-weight:bold}"
            + ".c{fill:none;stroke:#222;stroke-width:3}.o{fill:none;stroke:#777;stroke-width:1.4;stroke-dasharray:5 4}"
            + ".n{font-size:11px;font-weight:bold;fill:#222}</style>\n";

    private SearchRunsPicture() {
    }

    /** The runs drawn: all of them, or the first {@link #MAX_RUNS} with the chosen one among them. */
    static <O> List<SearchRunTrace<O>> drawn(List<SearchRunTrace<O>> runs) {
        if (runs.size() <= MAX_RUNS) {
            return runs;
        }
        List<SearchRunTrace<O>> out = new ArrayList<>(runs.subList(0, MAX_RUNS));
        SearchRunTrace<O> chosen = runs.stream().filter(SearchRunTrace::chosen).findFirst().orElse(null);
        if (chosen != null && !out.contains(chosen)) {
            out.set(MAX_RUNS - 1, chosen);
        }
        return out;
    }

    static <O> String svg(TracePicture.Header header, String searchLine, TraceLayout layout,
                          List<SearchRunTrace<O>> allRuns) {
        List<SearchRunTrace<O>> runs = drawn(allRuns);
        List<StepRecord> every = new ArrayList<>();
        int depth = 1;
        for (SearchRunTrace<O> r : runs) {
            every.addAll(r.trace());
            depth = Math.max(depth, r.trace().size());
        }
        TraceGeometry g = new TraceGeometry(layout, every, 1);
        int chartTop = 42 + 16 + 32;
        int columnsTop = chartTop + CHART_HEIGHT + 16;
        int width = Math.max(520, 2 * MARGIN + runs.size() * (g.panelWidth + GAP) - GAP);
        int height = columnsTop + HEADER + depth * (g.panelHeight + GAP) + 24;
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
                .append(' ').append(height).append("\" role=\"img\">\n");
        sb.append("<title>").append(esc(header.title() + ": " + header.verdict() + ", " + allRuns.size()
                + " search runs side by side")).append("</title>\n");
        sb.append("<desc>One column per search run, the grid of every supervision step; the chosen run is framed "
                + "and says chosen. Cells with a thick border and a corner triangle changed since the previous step. "
                + "The lines show each run's halting confidence per step.</desc>\n");
        sb.append(String.format(Locale.ROOT, TracePicture.STYLE, g.fontSize)).append(EXTRA_STYLE);
        TracePicture.defs(sb, g);
        sb.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        text(sb, MARGIN, 24, "h", header.title() + ": " + header.verdict());
        String more = allRuns.size() > runs.size() ? "; " + (allRuns.size() - runs.size())
                + " more runs not drawn (trm solve --json --trace lists them all)" : "";
        text(sb, MARGIN, 42, "s", searchLine + more);
        text(sb, MARGIN, 58, "s", "one column per run; the chosen run (the answer's) is framed and says chosen");
        chart(sb, chartTop, width, depth, runs);
        for (int i = 0; i < runs.size(); i++) {
            column(sb, g, layout, runs.get(i), MARGIN + i * (g.panelWidth + GAP), columnsTop, height - 30);
        }
        text(sb, MARGIN, height - 10, "s", "Thick border and corner triangle: changed since the previous step of "
                + "the same run. Light grey: padding; grey: other special tokens.");
        return sb.append("</svg>\n").toString();
    }

    private static void column(StringBuilder sb, TraceGeometry g, TraceLayout layout, SearchRunTrace<?> run, int x,
                               int top, int bottom) {
        if (run.chosen()) {
            sb.append("<rect x=\"").append(x - 7).append("\" y=\"").append(top - 6).append("\" width=\"")
                    .append(g.panelWidth + 14).append("\" height=\"").append(bottom - top + 6)
                    .append("\" class=\"c\"/>\n");
        }
        text(sb, x, top + 12, "r", "run " + run.run() + ": " + run.kind() + (run.chosen() ? "  \u2605 chosen" : ""));
        text(sb, x, top + 28, "s", String.format(Locale.ROOT, "%s, %d steps, confidence %.3f",
                run.verdict().status(), run.steps(), run.confidence()));
        int chars = Math.max(20, g.panelWidth / 6); // the detail on two lines at most
        String rest = run.detail();
        for (int line = 0; line < 2 && !rest.isEmpty(); line++) {
            int cut = rest.length() <= chars ? rest.length() : line == 1 ? chars - 3
                    : Math.max(rest.lastIndexOf(' ', chars), chars / 2);
            text(sb, x, top + 44 + 14 * line, "s", rest.substring(0, cut).strip() + (line == 1 && cut < rest.length()
                    ? "..." : ""));
            rest = rest.substring(cut).strip();
        }
        int[] previous = null;
        for (int k = 0; k < run.trace().size(); k++) {
            StepRecord s = run.trace().get(k);
            TracePicture.panel(sb, g, layout, s, previous, x, top + HEADER + k * (g.panelHeight + GAP));
            previous = s.prediction();
        }
    }

    /** Every run's confidence per step on 0..1, the chosen run's line solid, each line numbered at its end. */
    private static void chart(StringBuilder sb, int top, int width, int depth, List<? extends SearchRunTrace<?>> runs) {
        int left = MARGIN + 34;
        int right = width - MARGIN - 40;
        int bottom = top + CHART_HEIGHT - 22;
        text(sb, MARGIN, top - 10, "s", "halting confidence per step, one line per run");
        for (double v : new double[]{0, 0.5, 1}) {
            double y = bottom - v * (bottom - top);
            sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"a\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"s\">%.1f</text>%n", left, right, y, y, MARGIN + 8, y + 4, v));
        }
        for (int k = 1; k <= depth; k += Math.max(1, (int) Math.ceil(18.0 * depth / Math.max(1, right - left)))) {
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"s\" text-anchor=\"middle\">%d</text>",
                    x(k, depth, left, right), bottom + 14, k));
        }
        Map<Integer, Integer> endingAt = new HashMap<>(); // labels of runs ending together: side by side
        for (SearchRunTrace<?> run : runs) {
            StringBuilder d = new StringBuilder();
            double x = 0;
            double y = 0;
            for (StepRecord s : run.trace()) {
                x = x(s.step(), depth, left, right);
                y = bottom - TracePicture.clamp(s.confidence()) * (bottom - top);
                d.append(d.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
                sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%s\" class=\"d\"><title>run %d "
                        + "step %d: %.3f</title></circle>", x, y, run.chosen() ? "3" : "2", run.run(), s.step(),
                        s.confidence()));
            }
            sb.append("<path d=\"").append(d).append(d.indexOf("L") < 0 ? "h0.1" : "").append("\" class=\"")
                    .append(run.chosen() ? "l" : "o").append("\"/>");
            int before = endingAt.merge(run.trace().size(), 1, Integer::sum) - 1;
            sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"n\">%d%s</text>%n", x + 6,
                    y + 4 + 12 * before, run.run(), run.chosen() ? " chosen" : ""));
        }
    }

    private static double x(int step, int depth, int left, int right) {
        return depth <= 1 ? (left + right) / 2.0 : left + (step - 1) * (right - left) / (double) (depth - 1);
    }

    private static void text(StringBuilder sb, int x, int y, String cls, String text) {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" class=\"").append(cls).append("\">")
                .append(esc(text)).append("</text>\n");
    }
}
