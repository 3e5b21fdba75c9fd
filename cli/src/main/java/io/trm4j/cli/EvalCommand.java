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
import io.trm4j.core.search.SearchSpec;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.sequence.SequenceHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    private static final String BASELINE = "baseline (rule fitting)";

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

    @Mixin
    ArcFlags arcFlags;

    @Option(names = "--submission", paramLabel = "FILE",
            description = "arc: also write the ARC Prize submission JSON (two attempts per test input) of the tasks that ran.")
    Path submission;

    @Option(names = "--baseline", description = "Sequence head only: score the rule-fitting baseline (polynomials by "
            + "finite differences, linear recurrences, cycles) instead of a model, on the same cases.")
    boolean baseline;

    @Override
    public Integer call() {
        HeadRegistry heads = Trm.heads();
        TaskHead<?, ?> taskHead = heads.get(head); // fails early, listing the known heads
        if (baseline && !SequenceHead.NAME.equals(head)) {
            throw new ParameterException(spec.commandLine(), "--baseline exists for the sequence head only, not '" + head + "'");
        }
        SearchSpec search = searchFlags.spec();
        arcFlags.check(head);
        boolean arcDir = Files.isDirectory(file);
        checkArcArguments(arcDir);
        List<EvalCase> cases = arcDir ? ArcTaskDir.read(file, limit)
                : EvalFile.firstOfEachGroup(EvalFile.read(file, limit, groupBy, taskHead), perClassLimit);
        LoadOptions loadOptions = run.loadOptions(head);
        ReasonOptions options = run.reasonOptions().toBuilder().search(search).build();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter table = humanOutput(out, err);
        if (baseline) {
            return runBaseline(cases, out, table, err);
        }
        try (Reasoner<Object, Object> r = Trm.load(run.modelOr(head), loadOptions, heads)) {
            ProgressBar bar = new ProgressBar(err, cases.size(), parent.terminal.stderr());
            ArcTaskResults answers = new ArcTaskResults();
            EvalReport report = new Evaluator<>(r, options, batch).adjustingInputs(arcFlags::apply)
                    .onResult(answers::add).run(cases, bar::update);
            bar.finish();
            printTable(table, r.model().name(), report, search);
            ObjectNode o = toJson(r.model().name(), report, search);
            if (arcDir) {
                allTasks(table, o, report, cases.size());
                o.set("per_task", answers.perTask());
            }
            if (submission != null) {
                answers.writeSubmission(submission);
                table.printf(Locale.ROOT, "  submission: %d tasks written to %s%n", answers.size(), submission);
                o.put("submission", submission.toString());
            }
            table.flush();
            if (json) {
                out.println(o);
            }
        }
        return 0;
    }

    /** The arc head reads a directory of task files, and only it does; --submission needs both. */
    private void checkArcArguments(boolean arcDir) {
        String problem = null;
        if (arcDir && !ArcHead.NAME.equals(head)) {
            problem = file + " is a directory: only the arc head reads a directory of task files";
        } else if (!arcDir && submission != null) {
            problem = "--submission needs the arc head and a directory of task files";
        } else if (!arcDir && ArcHead.NAME.equals(head)) {
            problem = "the arc head reads a directory of task files (*.json), not " + file;
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    /** pass@2 over every task file, tasks not run (not trained on, unreadable) counting as unsolved. */
    private static void allTasks(PrintWriter out, ObjectNode o, EvalReport rep, int tasks) {
        long solved = Math.round(rep.exact() * rep.n());
        out.printf(Locale.ROOT, "  pass@2 over all %d task files: %d solved (%.1f%%); %d not run (counted unsolved)%n",
                tasks, solved, 100.0 * solved / tasks, tasks - rep.n());
        o.put("tasks", tasks);
        o.put("exact_all_tasks", (double) solved / tasks);
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

    private int runBaseline(List<EvalCase> cases, PrintWriter out, PrintWriter table, PrintWriter err) {
        ProgressBar bar = new ProgressBar(err, cases.size(), parent.terminal.stderr());
        BaselineEval.Result result = new BaselineEval().run(cases, bar::update);
        bar.finish();
        printTable(table, BASELINE, result.report(), SearchSpec.none());
        table.printf(Locale.ROOT, "  a rule reproduced every given term on %.1f%% of rows (no model ran; nothing verified)%n",
                100 * result.ruleFits());
        table.flush();
        if (json) {
            out.println(toJson(BASELINE, result.report(), SearchSpec.none()).put("rule_fits", result.ruleFits()));
        }
        return 0;
    }

    private void printTable(PrintWriter out, String model, EvalReport rep, SearchSpec search) {
        out.printf(Locale.ROOT, "%s on %s (model %s)%s%n", head, file.getFileName(), model, search.isNone() ? ""
                : String.format(Locale.ROOT, ", search %s budget %s seed %d", search.strategy().label(),
                search.budgetText(), search.seed()));
        String fmt = "  %-32s %7s %8s %9s %7s %6s %9s %9s %9s%n";
        out.printf(Locale.ROOT, fmt, "CLASS", "N", "EXACT", "VERIFIED", "STEPS", "RUNS", "ALL STEPS", "MS/PUZZLE",
                "P95 MS");
        for (Map.Entry<String, EvalReport.GroupStats> e : rep.perGroup().entrySet()) {
            EvalReport.GroupStats g = e.getValue();
            row(out, fmt, e.getKey(), g.n(), g.exact(), g.verified(), g.meanSteps(), g.cost());
        }
        if (rep.perGroup().size() != 1) { // one group is already the whole: its row is the total
            row(out, fmt, "all", rep.n(), rep.exact(), rep.verified(), rep.meanSteps(), rep.cost());
        }
        out.printf(Locale.ROOT, "  %.1f puzzles/s%s%n", rep.puzzlesPerS(),
                rep.falseSolved() > 0 ? "  (" + rep.falseSolved() + " verified answers differ from the expected one)" : "");
        if (rep.invalid() > 0) {
            out.printf(Locale.ROOT, "  %d rows rejected as invalid input; first: %s%n", rep.invalid(), rep.firstInvalid());
        }
    }

    private static void row(PrintWriter out, String fmt, String name, int n, double exact, double verified,
                            double steps, EvalReport.Cost c) {
        out.printf(Locale.ROOT, fmt, name, n, pct(exact), pct(verified), String.format(Locale.ROOT, "%.1f", steps),
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
            c.put("mean_steps", g.meanSteps());
            cost(c, g.cost());
        });
        return o;
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }
}
