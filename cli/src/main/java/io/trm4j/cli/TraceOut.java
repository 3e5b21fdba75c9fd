package io.trm4j.cli;

import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.search.SearchInfo;
import io.trm4j.core.search.SearchRunTrace;
import io.trm4j.core.search.SearchSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * {@code trm solve --trace-out FILE}: the picture of one puzzle's trace ({@link TracePicture}), as
 * an SVG file or an HTML page holding the same picture and the steps as text. The file name and
 * its folder are checked before the model loads, so a typo costs no solve.
 */
final class TraceOut {
    private final Path file;
    private final boolean html;

    private TraceOut(Path file, boolean html) {
        this.file = requireNonNull(file, "file is null");
        this.html = html;
    }

    /** Checks what can be checked before solving: the extension, one input, and a folder to write in. */
    static TraceOut check(Path file, int inputs) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean html = name.endsWith(".html") || name.endsWith(".htm");
        if (!html && !name.endsWith(".svg")) {
            throw new TrmException("--trace-out writes an SVG picture or an HTML page: give a file name ending in "
                    + ".svg or .html, not '" + file + "'");
        }
        if (inputs != 1) {
            throw new TrmException("--trace-out draws the trace of one puzzle, but " + inputs + " inputs were "
                    + "given: solve them one at a time");
        }
        Path folder = file.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new TrmException("--trace-out " + file + ": " + (Files.exists(folder) ? folder + " is not a folder"
                    : "the folder " + folder + " does not exist"));
        }
        if (Files.isDirectory(file)) {
            throw new TrmException("--trace-out " + file + " is a folder: give the picture's file name");
        }
        return new TraceOut(file, html);
    }

    /** Writes the picture of {@code res} (solved with tracing on) and says so on {@code err}. */
    void write(Reasoner<Object, Object> r, Reasoning<Object> res, PrintWriter err) {
        List<SearchRunTrace<Object>> runs = res.searchRuns();
        List<StepRecord> every = new ArrayList<>(res.trace());
        runs.forEach(run -> every.addAll(run.trace()));
        TraceLayout layout = TraceLayout.of(r.head(), r.model(), every);
        String svg = runs.isEmpty() ? TracePicture.svg(header(r, res), layout, res.trace())
                : SearchRunsPicture.svg(header(r, res), searchLine(res.search()), layout, runs);
        String text = html ? page(r, res, svg) : svg;
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new TrmException("cannot write the trace picture to " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new TrmException("cannot write the trace picture to " + file + ": " + e.getMessage(), e);
        }
        err.println("trm: wrote the trace (" + res.trace().size() + " steps" + (runs.isEmpty() ? ""
                : ", " + runs.size() + " search runs side by side") + ") to " + file);
    }

    private static String searchLine(SearchInfo s) {
        return "search " + s.strategy().label() + ": " + s.loopRuns() + " loop runs, " + s.candidates()
                + " candidates, found by " + s.foundBy() + (s.detail().isEmpty() ? "" : " (" + s.detail() + ")");
    }

    private static TracePicture.Header header(Reasoner<Object, Object> r, Reasoning<Object> res) {
        String title = r.model().name().equals(r.head().name()) ? r.model().name()
                : r.model().name() + " (" + r.head().name() + ")";
        String detail = res.verdict().detail();
        SearchInfo s = res.search();
        if (s.strategy() != SearchSpec.Strategy.NONE && res.searchRuns().isEmpty()) { // the trace is the answer's run
            detail = (detail.isEmpty() ? "" : detail + "; ") + "search " + s.strategy().label() + ", " + s.loopRuns()
                    + " loop runs, the trace is of the answer's run";
        }
        return new TracePicture.Header(title, res.verdict().status().name(), detail, res.steps(),
                res.rows().get(0).haltReason().name().toLowerCase(Locale.ROOT), res.confidence());
    }

    private static String page(Reasoner<Object, Object> r, Reasoning<Object> res, String svg) {
        StringBuilder sb = new StringBuilder(svg.length() + 4096);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(TracePicture.esc("trace of " + r.model().name() + ": " + res.verdict().status()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:1.5rem}pre{background:#f6f6f6;"
                        + "padding:.75rem;overflow-x:auto}</style>\n</head>\n<body>\n<h1>")
                .append(TracePicture.esc(r.model().name())).append(": ")
                .append(TracePicture.esc(res.verdict().status().name())).append("</h1>\n");
        sb.append(svg.substring(svg.indexOf("<svg")));
        sb.append("<h2>Answer</h2>\n<pre>").append(TracePicture.esc(r.head().render(res.answer(), RenderStyle.PLAIN)))
                .append("</pre>\n");
        if (res.searchRuns().isEmpty()) {
            steps(sb, "Steps", "", res.trace(), r);
        }
        for (SearchRunTrace<Object> run : res.searchRuns()) {
            steps(sb, "Run " + run.run() + ": " + run.kind() + (run.chosen() ? " (chosen)" : ""), run.summary(),
                    run.trace(), r);
        }
        return sb.append("</body>\n</html>\n").toString();
    }

    private static void steps(StringBuilder sb, String heading, String summary, List<StepRecord> trace,
                              Reasoner<Object, Object> r) {
        sb.append("<h2>").append(TracePicture.esc(heading)).append("</h2>\n");
        if (!summary.isEmpty()) {
            sb.append("<p>").append(TracePicture.esc(summary)).append("</p>\n");
        }
        sb.append("<pre>");
        for (String line : TraceReport.lines(trace, r.head(), r.model())) {
            sb.append(TracePicture.esc(line)).append('\n');
        }
        sb.append("</pre>\n");
    }
}
