package io.trm4j.cli;

import io.trm4j.core.Options;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code trm solve}: {@code trm solve --model DIR --head tokens "1 2 3 ..."}, or
 * {@code trm solve sudoku "<puzzle>"} (first positional = head, bundled model for that head).
 */
@Command(name = "solve", mixinStandardHelpOptions = true,
        description = "Solve one or more puzzles. Inputs: literal text, '-' for stdin, '@file' for a file.")
final class SolveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    TrmCli parent;

    @Mixin
    RunOptions run;

    @Option(names = "--head", paramLabel = "NAME", description = "The task head (default: the model's).")
    String head;

    @Option(names = "--json", description = "Print one JSON object per input.")
    boolean json;

    @Option(names = "--trace", description = "Show every supervision step's prediction and confidence.")
    boolean trace;

    @Parameters(arity = "1..*", paramLabel = "HEAD_OR_INPUT",
            description = "Optional head name, then the inputs.")
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
        Options options = run.options(headName, trace);
        String modelRef = run.modelOr(headName);
        try (Reasoner<Object, Object> r = Trm.load(modelRef, options, heads)) {
            List<Object> inputs = new ArrayList<>(args.size());
            for (String arg : args) {
                inputs.add(r.head().parse(InputText.read(arg, parent.stdin)));
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
            return allSolved ? TrmCli.OK : TrmCli.UNSOLVED;
        }
    }

    private static RenderStyle style() {
        return System.console() != null && System.getenv("NO_COLOR") == null ? RenderStyle.ANSI : RenderStyle.PLAIN;
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
            if (trace) {
                TraceReport.lines(res.trace(), r.head(), r.model()).forEach(out::println);
            }
        }
    }
}
