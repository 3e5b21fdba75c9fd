package io.trm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;
import io.trm4j.core.eval.Evaluator;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.EvalSource;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.ModelFreeEval;
import io.trm4j.core.search.SearchSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code trm eval HEAD FILE.csv}: accuracy per class, mean steps and throughput on labelled puzzles. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate a model on labelled puzzles: accuracy (exact and verified), mean steps and "
                + "puzzles/s, with a progress bar on stderr when it is a terminal.",
                "FILE is a CSV with a header and question,answer columns, each in the head's text form "
                        + "(or JSON lines, one case per line, for a head that reads them); a difficulty_class, "
                        + "source or family column (or --by COLUMN) splits the report into one row per class. "
                        + "Without --model the head's bundled model runs."},
        footer = {"%nExamples:",
                "  trm eval sudoku puzzles.csv --limit 200",
                "  trm eval maze --model DIR mazes.csv --json",
                "  trm eval sudoku puzzles.csv --by source --per-class-limit 100 --search fill --budget 8",
                "  trm eval sequence --model DIR sequences.jsonl --by family",
                "  trm eval sequence sequences.jsonl --baseline",
                "  trm eval arc ../shared/data/arc-agi-1/evaluation --submission submission.json"})
final class EvalCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @ParentCommand
    TrmCli parent;

    @Mixin
    RunOptions run;

    @Parameters(index = "0", paramLabel = "HEAD", description = "The task head (see Heads below).")
    String head;

    @Parameters(index = "1", paramLabel = "FILE", description = "The labelled puzzles; for arc, a directory of "
            + "task files (*.json with test outputs, named by task id), scored pass@2.")
    Path file;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N rows only.")
    int limit;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Puzzles per loop run (default: 64).")
    int batch;

    @Option(names = "--by", paramLabel = "COLUMN",
            description = "Report per value of this CSV column or JSON field (default: difficulty_class, else "
                    + "source, else family; not a column that differs on nearly every row).")
    String groupBy;

    @Option(names = "--per-class-limit", paramLabel = "N",
            description = "Evaluate the first N rows of each class only (after --limit).")
    int perClassLimit;

    @Option(names = "--json", description = "Print one JSON document holding the figures, and nothing else, on "
            + "stdout (the table goes to stderr when that is a terminal).")
    boolean json;

    @Mixin
    SearchFlags searchFlags;

    @Override
    public Integer call() {
        HeadRegistry heads = Trm.heads();
        TaskHead<?, ?> taskHead = heads.get(head); // fails early, listing the known heads
        SearchSpec search = searchFlags.spec();
        Invocation invocation = new Invocation(CommandKind.EVAL, head, run.model(), file, !search.isNone(), false, json,
                HeadFeatures.given(spec, CommandKind.EVAL, heads));
        HeadFeatures.check(spec, heads, invocation);
        Optional<EvalSource> source = HeadFeatures.capability(heads, head, EvalSource.class)
                .filter(s -> s.readsCases(invocation));
        List<EvalCase> cases = source.isPresent() ? source.get().readCases(invocation, limit)
                : EvalFile.firstOfEachGroup(EvalFile.read(file, limit, groupBy, taskHead), perClassLimit);
        LoadOptions loadOptions = run.loadOptions(head);
        ReasonOptions options = run.reasonOptions().toBuilder().search(search).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter table = humanOutput(out, err);
        Optional<ModelFreeEval> modelFree = HeadFeatures.capability(heads, head, ModelFreeEval.class)
                .filter(e -> e.evaluatesWithoutModel(invocation));
        if (modelFree.isPresent()) {
            return runWithoutModel(modelFree.get(), cases, out, table, err);
        }
        try (Reasoner<Object, Object> r = Trm.load(run.modelOr(head), loadOptions, heads)) {
            ProgressBar bar = new ProgressBar(err, cases.size(), parent.terminal.stderr());
            Optional<EvalSource.Results> results = source.map(s -> s.results(invocation, cases));
            EvalReport report = new Evaluator<>(r, options, batch)
                    .adjustingInputs(HeadFeatures.inputAdjustment(heads, head, invocation))
                    .onResult((c, res) -> results.ifPresent(kept -> kept.add(c, res))).run(cases, bar::update);
            bar.finish();
            printTable(table, r.model().name(), report, search);
            ObjectNode o = toJson(r.model().name(), report, search);
            results.ifPresent(kept -> kept.report(report, table, o));
            table.flush();
            if (json) {
                out.println(o);
            }
        }
        return 0;
    }

    /**
     * Where the table goes: stdout, unless --json owns stdout; then stderr when a person watches it
     * (a terminal), else nowhere, so a pipe or file gets exactly one JSON document.
     */
    private PrintWriter humanOutput(PrintWriter out, PrintWriter err) {
        if (!json) {
            return out;
        }
        return parent.terminal.stderr() ? err : new PrintWriter(Writer.nullWriter());
    }

    /** Scores what a head's option puts in the model's place (the sequence baseline) on the same cases. */
    private int runWithoutModel(ModelFreeEval modelFree, List<EvalCase> cases, PrintWriter out, PrintWriter table,
                                PrintWriter err) {
        ProgressBar bar = new ProgressBar(err, cases.size(), parent.terminal.stderr());
        ModelFreeEval.Result result = modelFree.evaluate(cases, bar::update);
        bar.finish();
        printTable(table, result.solver(), result.report(), SearchSpec.none());
        result.notes().forEach(note -> table.println("  " + note));
        table.flush();
        if (json) {
            out.println(toJson(result.solver(), result.report(), SearchSpec.none()).setAll(result.fields()));
        }
        return 0;
    }

    private void printTable(PrintWriter out, String model, EvalReport rep, SearchSpec search) {
        out.printf(Locale.ROOT, "%s on %s (model %s)%s%n", head, file.getFileName(), model, search.isNone() ? ""
                : String.format(Locale.ROOT, ", search %s budget %s seed %d", search.strategy().label(),
                search.budgetText(), search.seed()));
        String fmt = "  %-32s %7s %8s %9s %7s %6s %9s %9s %9s%n";
        // VERIFIED leads: where several answers are right (a maze's equal shortest paths) the
        // verifier accepts any of them, EXACT only the one the file stores.
        out.printf(Locale.ROOT, fmt, "CLASS", "N", "VERIFIED", "EXACT", "STEPS", "RUNS", "ALL STEPS", "MS/PUZZLE",
                "P95 MS");
        for (Map.Entry<String, EvalReport.GroupStats> e : rep.perGroup().entrySet()) {
            EvalReport.GroupStats g = e.getValue();
            row(out, fmt, e.getKey(), g.n(), g.exact(), g.verified(), g.meanSteps(), g.cost());
        }
        if (rep.perGroup().size() != 1) { // one group is already the whole: its row is the total
            row(out, fmt, "all", rep.n(), rep.exact(), rep.verified(), rep.meanSteps(), rep.cost());
        }
        out.printf(Locale.ROOT, "  %.1f puzzles/s%s%n", rep.puzzlesPerS(),
                rep.falseSolved() > 0 ? "  (" + rep.falseSolved() + " verified answers differ from the expected one: other right answers, e.g. another shortest path)" : "");
        if (rep.abstained() > 0) { // a head that may decline: its wrong answers are not simply the rest
            out.printf(Locale.ROOT, "  exact %s, wrong %s, abstained %s (no answer given: nothing the head could check "
                    + "backed one)%n", pct(rep.exact()), pct(rep.wrong()), pct(rep.abstained()));
        }
        if (rep.invalid() > 0) {
            out.printf(Locale.ROOT, "  %d rows rejected as invalid input; first: %s%n", rep.invalid(), rep.firstInvalid());
        }
    }

    private static void row(PrintWriter out, String fmt, String name, int n, double exact, double verified,
                            double steps, EvalReport.Cost c) {
        out.printf(Locale.ROOT, fmt, name, n, pct(verified), pct(exact), String.format(Locale.ROOT, "%.1f", steps),
                String.format(Locale.ROOT, "%.2f", c.meanLoopRuns()), String.format(Locale.ROOT, "%.1f", c.meanAllSteps()),
                String.format(Locale.ROOT, "%.1f", c.meanMs()), String.format(Locale.ROOT, "%.1f", c.p95Ms()));
    }

    private static void cost(ObjectNode o, EvalReport.Cost c) {
        o.put("mean_loop_runs", c.meanLoopRuns());
        o.put("mean_all_steps", c.meanAllSteps());
        o.put("mean_ms", c.meanMs());
        o.put("p95_ms", c.p95Ms());
    }

    private ObjectNode toJson(String model, EvalReport rep, SearchSpec search) {
        ObjectNode o = JSON.createObjectNode();
        o.put("head", head);
        o.put("model", model);
        o.put("file", file.toString());
        o.put("n", rep.n());
        o.put("exact", rep.exact());
        o.put("verified", rep.verified());
        o.put("abstained", rep.abstained());
        o.put("wrong", rep.wrong());
        o.put("mean_steps", rep.meanSteps());
        o.put("puzzles_per_s", rep.puzzlesPerS());
        o.put("invalid", rep.invalid());
        if (rep.invalid() > 0) {
            o.put("first_invalid", rep.firstInvalid());
        }
        cost(o, rep.cost());
        ObjectNode s = o.putObject("search");
        s.put("strategy", search.strategy().label());
        s.put("budget", search.budget());
        s.put("budget_steps", search.stepBudget());
        s.put("rerun_steps", search.rerunSteps());
        s.put("seed", search.seed());
        s.put("temperature", search.temperature());
        s.put("top_p", search.topP());
        s.put("noise", search.noise());
        ObjectNode per = o.putObject("per_class");
        rep.perGroup().forEach((name, g) -> {
            ObjectNode c = per.putObject(name);
            c.put("n", g.n());
            c.put("exact", g.exact());
            c.put("verified", g.verified());
            c.put("abstained", g.abstained());
            c.put("mean_steps", g.meanSteps());
            cost(c, g.cost());
        });
        return o;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
