package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Options;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;
import io.trm4j.core.eval.Evaluator;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.TaskHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code trm eval HEAD FILE.csv}: accuracy per class, mean steps and throughput on labelled puzzles. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on labelled puzzles: accuracy (exact and verified), mean steps and "
                + "puzzles/s, with a progress bar on stderr.",
                "FILE is a CSV with a header and question,answer columns, each in the head's text form "
                        + "(or JSON lines, one case per line, for a head that reads them); a difficulty_class, "
                        + "source or family column (or --by COLUMN) splits the report into one row per class. "
                        + "Without --model the head's bundled model runs."},
        footer = {"%nExamples:",
                "  trm eval sudoku puzzles.csv --limit 200",
                "  trm eval maze --model DIR mazes.csv --json",
                "  trm eval sequence --model DIR sequences.jsonl --by family"})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "HEAD", description = "The task head (see Heads below).")
    String head;

    @Parameters(index = "1", paramLabel = "FILE", description = "The labelled puzzles.")
    Path file;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N rows only.")
    int limit;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Puzzles per loop run (default: 64).")
    int batch;

    @Option(names = "--by", paramLabel = "COLUMN",
            description = "Report per value of this CSV column or JSON field (default: difficulty_class, else "
                    + "source, else family; not a column that differs on nearly every row).")
    String groupBy;

    @Option(names = "--json", description = "End with one JSON line holding the figures.")
    boolean json;

    @Override
    public Integer call() {
        HeadRegistry heads = Trm.heads();
        TaskHead<?, ?> taskHead = heads.get(head); // fails early, listing the known heads
        List<EvalCase> cases = EvalFile.read(file, limit, groupBy, taskHead);
        Options options = run.options(head, false);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Reasoner<Object, Object> r = Trm.load(run.modelOr(head), options, heads)) {
            ProgressBar bar = new ProgressBar(err, cases.size());
            EvalReport report = new Evaluator<>(r, options, batch).run(cases, bar::update);
            bar.finish();
            printTable(out, r.model().name(), report);
            if (json) {
                out.println(toJson(r.model().name(), report));
            }
        }
        return 0;
    }

    private void printTable(PrintWriter out, String model, EvalReport rep) {
        out.printf(Locale.ROOT, "%s on %s (model %s)%n", head, file.getFileName(), model);
        String fmt = "  %-32s %7s %8s %9s %7s%n";
        out.printf(Locale.ROOT, fmt, "CLASS", "N", "EXACT", "VERIFIED", "STEPS");
        for (Map.Entry<String, EvalReport.GroupStats> e : rep.perGroup().entrySet()) {
            EvalReport.GroupStats g = e.getValue();
            out.printf(Locale.ROOT, fmt, e.getKey(), g.n(), pct(g.exact()), pct(g.verified()),
                    String.format(Locale.ROOT, "%.1f", g.meanSteps()));
        }
        if (rep.perGroup().size() != 1) { // one group is already the whole: its row is the total
            out.printf(Locale.ROOT, fmt, "all", rep.n(), pct(rep.exact()), pct(rep.verified()),
                    String.format(Locale.ROOT, "%.1f", rep.meanSteps()));
        }
        out.printf(Locale.ROOT, "  %.1f puzzles/s%s%n", rep.puzzlesPerS(),
                rep.falseSolved() > 0 ? "  (" + rep.falseSolved() + " verified answers differ from the expected one)" : "");
        if (rep.invalid() > 0) {
            out.printf(Locale.ROOT, "  %d rows rejected as invalid input; first: %s%n", rep.invalid(), rep.firstInvalid());
        }
    }

    private String toJson(String model, EvalReport rep) {
        ObjectNode o = JSON.createObjectNode();
        o.put("head", head);
        o.put("model", model);
        o.put("file", file.toString());
        o.put("n", rep.n());
        o.put("exact", rep.exact());
        o.put("verified", rep.verified());
        o.put("mean_steps", rep.meanSteps());
        o.put("puzzles_per_s", rep.puzzlesPerS());
        o.put("invalid", rep.invalid());
        ObjectNode per = o.putObject("per_class");
        rep.perGroup().forEach((name, g) -> {
            ObjectNode c = per.putObject(name);
            c.put("n", g.n());
            c.put("exact", g.exact());
            c.put("verified", g.verified());
            c.put("mean_steps", g.meanSteps());
        });
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
