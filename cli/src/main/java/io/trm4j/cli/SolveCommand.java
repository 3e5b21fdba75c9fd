package io.trm4j.cli;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SourceNamedInputs;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.ModelFreeSolve;
import io.trm4j.core.search.SearchInfo;
import io.trm4j.core.search.SearchSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * {@code trm solve}: {@code trm solve --model DIR --head tokens "1 2 3 ..."}, or
 * {@code trm solve sudoku "<puzzle>"} (first positional = head, bundled model for that head).
 * Inputs are read by {@link InputText}: a file, {@code @FILE}, {@code -} or the text itself.
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = {"Solve one or more puzzles: prints each answer, the supervision steps used, the "
                + "confidence and the verdict (exit code 1 when an answer fails verification).",
                "The first argument is the head, which picks its bundled model, unless --model or --head "
                        + "(or TRM_MODEL, TRM_HEAD, --config) says which model to run."},
        footer = {"%nEach INPUT is one of:",
                "  FILE    an existing file, read whole (a maze is one line per row)",
                "  @FILE   the same, explicitly",
                "  -       standard input",
                "  TEXT    the puzzle itself, e.g. a Sudoku's 81 characters",
                "An INPUT that looks like a file name (contains '/' or ends with .txt, .json",
                "or .csv) but names no file is an error (\"no such file\"), not puzzle text.",
                "%nExamples:",
                "  trm solve sudoku puzzle.txt",
                "  trm solve sudoku --json --trace puzzles/*.txt",
                "  trm solve sudoku \"<81 characters, '.' for a blank>\"",
                "  trm solve sudoku --search fill --budget 8 puzzle.txt",
                "  trm solve sudoku --trace-out trace.svg puzzle.txt",
                "  cat puzzle.txt | trm solve sudoku -",
                "  trm solve maze maze.txt",
                "  trm solve arc --model DIR 007bbfb7.json",
                "  trm solve tokens --model DIR \"1 2 3 4\""})
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    TrmCli parent;

    @Mixin
    RunOptions run;

    @Mixin
    SearchFlags searchFlags;

    @Option(names = "--head", paramLabel = "NAME", description = "The task head (default: the model's).")
    String head;

    @Option(names = "--json", description = "Print one JSON object per input.")
    boolean json;

    @Option(names = "--trace", description = "Show every supervision step's prediction and confidence.")
    boolean trace;

    @Option(names = "--trace-out", paramLabel = "FILE", description = "Draw the one input's trace: FILE.svg, a "
            + "grid per supervision step with the changed cells marked and the halting confidence as a line, or "
            + "FILE.html, the same picture and the steps as text. With --search: every run side by side.")
    Path traceOut;

    @Parameters(arity = "1..*", paramLabel = "[HEAD] INPUT",
            description = "A head name (see Heads below), then one or more inputs (see below). The head "
                    + "may be left out when --model or --head names the model.")
    List<String> positionals = new ArrayList<>();

    @Override
    public Integer call() {
        HeadRegistry heads = Trm.heads();
        List<String> args = new ArrayList<>(positionals);
        String headName = head;
        boolean configured = run.model() != null || run.head() != null; // from a flag, TRM_* or --config
        if (headName == null && args.size() > 1 && (heads.contains(args.get(0)) || !configured)) {
            headName = args.remove(0); // without --model the first word must be a head: fail on unknown ones
            heads.get(headName);
        } else if (headName == null && !configured && args.size() == 1 && heads.contains(args.get(0))) {
            throw new TrmException("no input given for head '" + args.get(0) + "'");
        }
        if (headName == null) {
            headName = run.head();
        }
        if (run.model() == null && headName == null) {
            throw new TrmException("say which model: --model NAME|DIR, or a head name first (known heads: "
                    + String.join(", ", heads.names()) + ")");
        }
        Invocation invocation = new Invocation(CommandKind.SOLVE, headName, run.model(), null,
                !searchFlags.spec().isNone(), trace, json, HeadFeatures.given(spec, CommandKind.SOLVE, heads));
        HeadFeatures.check(spec, heads, invocation);
        Optional<ModelFreeSolve> modelFree = HeadFeatures.capability(heads, headName, ModelFreeSolve.class)
                .filter(s -> s.solvesWithoutModel(invocation));
        TraceOut picture = traceOut == null ? null : TraceOut.check(traceOut, args.size());
        if (modelFree.isPresent()) {
            if (picture != null) {
                throw new TrmException("--trace-out draws the model's steps, and this solve answers without the model");
            }
            List<String> texts = new ArrayList<>(args.size());
            for (String arg : args) {
                texts.add(InputText.resolve(arg, parent.stdin).text());
            }
            return modelFree.get().solve(texts, invocation, spec.commandLine().getOut()) ? TrmCli.OK : TrmCli.UNSOLVED;
        }
        LoadOptions loadOptions = run.loadOptions(headName);
        ReasonOptions options = run.reasonOptions().toBuilder().trace(trace || picture != null)
                .search(searchFlags.spec()).build();
        String modelRef = run.modelOr(headName);
        List<InputText.Input> texts = new ArrayList<>(args.size());
        for (String arg : args) { // before loading the model: a missing file is named at once
            texts.add(InputText.resolve(arg, parent.stdin));
        }
        try (Reasoner<Object, Object> r = Trm.load(modelRef, loadOptions, heads)) {
            Invocation running = invocation.withHead(r.head().name());
            HeadFeatures.check(spec, heads, running); // the model may have named the head
            UnaryOperator<Object> adjust = HeadFeatures.inputAdjustment(heads, running.head(), running);
            List<Object> inputs = new ArrayList<>(texts.size());
            for (InputText.Input text : texts) {
                Object input = r.head().parse(text.text());
                if (text.fileName() != null) {
                    input = SourceNamedInputs.withSourceName(r.head(), input, text.fileName());
                }
                inputs.add(adjust.apply(input));
            }
            List<Reasoning<Object>> results = r.reasonAll(inputs, options);
            PrintWriter out = spec.commandLine().getOut();
            boolean allSolved = true;
            for (Reasoning<Object> res : results) {
                if (json) {
                    out.println(JsonReport.of(r, res, trace));
                } else {
                    PrettyReport.print(out, r, res, trace, style());
                }
                allSolved &= res.verdict().status() != Verdict.Status.UNSOLVED;
            }
            if (picture != null) {
                picture.write(r, results.get(0), spec.commandLine().getErr());
            }
            return allSolved ? TrmCli.OK : TrmCli.UNSOLVED;
        }
    }

    /** Colours only on a terminal that has them (not TERM=dumb) and that NO_COLOR does not turn off. */
    private RenderStyle style() {
        return parent.terminal.colour() ? RenderStyle.ANSI : RenderStyle.PLAIN;
    }

    /** Human-readable output. */
    static final class PrettyReport {
        private PrettyReport() {
        }

        static void print(PrintWriter out, Reasoner<Object, Object> r, Reasoning<Object> res, boolean trace,
                          RenderStyle style) {
            out.println(r.head().render(res.answer(), style));
            Verdict v = res.verdict();
            out.printf(java.util.Locale.ROOT, "steps %d  confidence %.3f  %s%s  %.1f ms%n", res.steps(),
                    res.confidence(), v.status(), v.detail().isEmpty() ? "" : " (" + v.detail() + ")",
                    res.elapsed().toNanos() / 1e6);
            SearchInfo s = res.search();
            if (s.strategy() != SearchSpec.Strategy.NONE) {
                out.printf(java.util.Locale.ROOT, "search %s: found by %s, %d loop runs, %d steps, %d candidates%s%n",
                        s.strategy().label(), s.foundBy(), s.loopRuns(), s.steps(), s.candidates(),
                        s.detail().isEmpty() ? "" : " (" + s.detail() + ")");
            }
            if (trace) {
                TraceReport.lines(res.trace(), r.head(), r.model()).forEach(out::println);
            }
        }
    }
}
