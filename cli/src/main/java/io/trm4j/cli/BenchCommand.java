package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.bench.harness.BenchResult;
import io.trm4j.bench.harness.CpuFeatures;
import io.trm4j.bench.harness.FlopCounter;
import io.trm4j.bench.harness.LoopBenchmark;
import io.trm4j.core.Precision;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.SessionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code trm bench sudoku} or {@code trm bench --model DIR --batch 1,8,64}: the Java loop's own
 * cost per supervision step (wall time around the loop minus time inside the session run).
 * Halting is fixed so every run does the same work; one session serves every batch size.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure throughput and the recursion loop's own overhead per step.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Mixin
    RunOptions run;

    @Parameters(arity = "0..1", paramLabel = "MODEL", description = "A bundled model (name or head) or a model "
            + "directory; same as --model.")
    String positional;

    @Option(names = "--batch", paramLabel = "B", split = ",", defaultValue = "1,8,64",
            description = "Batch sizes to measure, comma-separated (default: 1,8,64).")
    List<Integer> batches = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", description = "Supervision steps per run (default: the model's max_steps).")
    Integer steps;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20", description = "Measured runs per batch size (default: 20).")
    int runs;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Unmeasured runs first (default: 5).")
    int warmup;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1234", description = "Seed of the random tokens (default: 1234).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object per batch size, one per line.")
    boolean json;

    @Option(names = "--against-torch", description = "Then run export-scripts/bench_torch.py (PyTorch eager and "
            + "torch.compile, same weights, rows, threads, batches and steps), measure this machine's sgemm GFLOP/s, "
            + "and print the ratio to the faster PyTorch per batch size and whether both give the same argmax.")
    boolean againstTorch;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3", description = "--against-torch: alternate "
            + "trm4j and PyTorch this many times and compare medians, so a slow minute of a shared machine "
            + "does not decide the ratio (default: 3).")
    int rounds;

    @Option(names = "--python", paramLabel = "EXE", description = "Python with torch and onnx for --against-torch, "
            + "e.g. a venv with PyPI's torch (default: $TRM_PYTHON, else /usr/bin/python3 where it exists, else "
            + "python3; a PyTorch 1.x there is reported as the fallback anchor).")
    String python;

    @Option(names = "--torch-script", paramLabel = "FILE", description = "bench_torch.py for --against-torch "
            + "(default: export-scripts/bench_torch.py in this directory or a parent).")
    java.nio.file.Path torchScript;

    @Override
    public Integer call() {
        String modelRef = modelRef();
        if (batches.isEmpty()) {
            throw new TrmException("--batch needs at least one size");
        }
        // Only flags count here: a deployment's config may name a halting policy that bench ignores.
        if (run.flag(Setting.HALTING) != null || run.flag(Setting.PATIENCE) != null) {
            throw new TrmException("bench always runs every row for --steps steps (fixed halting); "
                    + "drop --halting/--patience");
        }
        // The settings table checks provider and threads the same way for solve/eval.
        SessionSettings session = run.loadOptions(null).sessionSettings();
        if (steps != null && run.flag(Setting.MAX_STEPS) != null && !steps.equals(run.maxSteps())) {
            throw new TrmException("--steps " + steps + " and --max-steps " + run.maxSteps() + " disagree; give one");
        }
        Model fp32 = Trm.resolve(modelRef);
        Precision precision = run.settings().precision();
        Model model = fp32.withPrecision(precision);
        int n = steps != null ? steps : run.maxSteps() != null ? run.maxSteps() : model.manifest().maxSteps();
        PrintWriter out = spec.commandLine().getOut();
        FlopCounter flops = flopsOrNull(model);
        if (againstTorch) {
            return againstTorch(model, fp32, session, n, flops, out);
        }
        CpuFeatures cpu = CpuFeatures.current();
        try (LoopBenchmark bench = new LoopBenchmark(model, session)) {
            String provider = bench.provider().name().toLowerCase(Locale.ROOT);
            if (!json) {
                out.printf(Locale.ROOT, "model %s (%s)  provider %s  threads %d  steps %d  runs %d (+%d warmup)  "
                                + "cpu %s%n", model.manifest().name(), precision.key(), provider, session.intraOpThreads(),
                        n, runs, warmup, cpu.describe());
                out.printf(Locale.ROOT, "%6s %11s %9s %13s %17s %9s %9s %9s%n", "BATCH", "PUZZLES/S", "MS/STEP",
                        "CELL MS/STEP", "OVERHEAD US/STEP", "P50 MS", "P90 MS", "PEAK MB");
            }
            for (int b : batches) {
                BenchResult r = bench.measure(b, n, warmup, runs, seed);
                if (json) {
                    ObjectNode o = toJson(model.manifest().name(), provider, session.intraOpThreads(), r, flops);
                    o.put("precision", precision.key());
                    o.put("cell", model.manifest().cell());
                    cpu(o, cpu);
                    out.println(write(o));
                } else {
                    out.printf(Locale.ROOT, "%6d %11.1f %9.4f %13.4f %17.2f %9.3f %9.3f %9.1f%n", r.batch(),
                            r.puzzlesPerS(), r.msPerStep(), r.cellMsPerStep(), r.overheadUsPerStep(), r.p50Ms(),
                            r.p90Ms(), r.peakRssMb());
                }
                out.flush(); // one line per batch size as soon as it is measured: large batches take a while
            }
        }
        return TrmCli.OK;
    }

    private String modelRef() {
        String flagged = run.flag(Setting.MODEL);
        if (positional != null && flagged != null) {
            throw new TrmException("give the model once: --model " + flagged + " or '" + positional + "'");
        }
        String ref = flagged != null ? run.model() : positional != null ? positional : run.model();
        if (ref == null) {
            throw new TrmException("say which model: trm bench NAME|DIR, or --model NAME|DIR (known heads: "
                    + String.join(", ", Trm.heads().names()) + ")");
        }
        return ref;
    }

    private int againstTorch(Model model, Model fp32, SessionSettings session, int n, FlopCounter flops,
                             PrintWriter out) {
        java.nio.file.Path script = torchScript != null ? torchScript : TorchComparison.findScript();
        if (script == null) {
            throw new TrmException("--against-torch: export-scripts/bench_torch.py not found from here; "
                    + "give --torch-script FILE");
        }
        if (rounds < 1) {
            throw new TrmException("--rounds must be >= 1, got " + rounds);
        }
        String exe = python != null ? python
                : TorchComparison.defaultPython(((TrmCli) spec.root().userObject()).env);
        TorchRounds.Measured measured = new TorchRounds(new TorchComparison(exe, script), model, fp32, session, batches, n, warmup,
                runs, seed).measure(rounds);
        TorchComparison.Agreement same = measured.agreement();
        CpuFeatures cpu = CpuFeatures.current();
        String build = torchBuild(measured);
        if (!json) {
            out.printf(Locale.ROOT, "model %s  threads %d  steps %d  runs %d (+%d warmup)  rounds %d  sgemm peak %.1f "
                            + "GFLOP/s  same argmax: %.4f of positions, %d/%d rows%n", model.manifest().name(),
                    session.intraOpThreads(), n, runs, warmup, rounds, measured.peak(), same.positions(),
                    same.rowsEqual(), same.rows());
            out.printf(Locale.ROOT, "%s  cpu %s%n", build, cpu.describe());
            out.printf(Locale.ROOT, "%6s %12s %12s %12s %7s %15s %17s %9s %9s%n", "BATCH", "TRM4J PUZ/S", "EAGER PUZ/S",
                    "COMPILE PUZ/S", "RATIO", "RATIO MIN-MAX", "OVERHEAD US/STEP", "GFLOP/S", "OF PEAK");
        }
        for (TorchRounds.Row r : measured.rows()) {
            double achieved = flops == null ? Double.NaN : flops.perRowStep() * r.trm4j() * n / 1e9;
            double peak = measured.peak();
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("model", model.manifest().name());
                o.put("batch", r.batch());
                o.put("trm4j_puzzles_per_s", r.trm4j());
                o.put("torch_puzzles_per_s", r.torch());
                o.put("ratio", r.ratio());
                o.put("loop_overhead_us_per_step", r.overheadUs());
                num(o, "gflops_achieved", achieved);
                o.put("gflops_peak", peak);
                o.put("torch_best", Double.isNaN(r.compiled()) || r.eager() >= r.compiled() ? "eager" : "compile");
                o.put("torch_eager_puzzles_per_s", r.eager());
                num(o, "torch_compile_puzzles_per_s", r.compiled());
                o.put("ratio_eager", r.trm4j() / r.eager());
                num(o, "ratio_compile", r.trm4j() / r.compiled());
                if (!measured.compileUnavailable().isEmpty()) {
                    o.put("torch_compile_unavailable", measured.compileUnavailable());
                }
                r.ratios().forEach(o.putArray("ratio_per_round")::add);
                num(o, "efficiency", achieved / peak);
                num(o, "gflop_per_step", flops == null ? Double.NaN : flops.perRowStep() / 1e9);
                o.put("provider", measured.provider());
                o.put("precision", run.settings().precision().key());
                o.put("cell", model.manifest().cell());
                o.put("threads", session.intraOpThreads());
                o.put("steps", n);
                o.put("runs", runs);
                o.put("rounds", rounds);
                o.put("ms_per_step", r.msPerStep());
                o.put("cell_ms_per_step", r.cellMsPerStep());
                o.put("torch_ms_per_step", r.torchMsPerStep());
                o.put("torch_version", measured.torchVersion());
                o.put("torch_blas", measured.about().path("torch_blas").asText("unknown"));
                o.put("torch_fallback", measured.about().path("torch_fallback").asBoolean(false));
                o.put("argmax_agreement", same.positions());
                o.put("rows_equal", same.rowsEqual());
                o.put("rows_compared", same.rows());
                o.put("peak_rss_mb", r.peakRssMb());
                cpu(o, cpu);
                out.println(write(o));
            } else {
                out.printf(Locale.ROOT, "%6d %12.2f %12.2f %12s %7.2f %7.2f-%-7.2f %17.2f %9.2f %8.1f%%%n", r.batch(),
                        r.trm4j(), r.eager(), Double.isNaN(r.compiled()) ? "-" : String.format(Locale.ROOT, "%.2f",
                                r.compiled()), r.ratio(), r.ratios().stream().min(Double::compare).orElseThrow(),
                        r.ratios().stream().max(Double::compare).orElseThrow(), r.overheadUs(), achieved,
                        100 * achieved / peak);
            }
        }
        return TrmCli.OK;
    }

    /** "torch 2.5.1 (BLAS mkl, ...)", flagged when it is the 1.x fallback or compile was not timed. */
    private static String torchBuild(TorchRounds.Measured m) {
        String s = "torch " + m.torchVersion() + " (" + m.about().path("torch_blas").asText("unknown") + ")";
        if (m.about().path("torch_fallback").asBoolean(false)) {
            s += " FALLBACK: not the PyTorch a user installs today; give --python VENV/bin/python with PyPI torch";
        }
        if (!m.compileUnavailable().isEmpty()) {
            s += "; compile: " + m.compileUnavailable();
        }
        return s;
    }

    private static void cpu(ObjectNode o, CpuFeatures cpu) {
        o.put("cpu_model", cpu.model());
        cpu.flags().forEach(o.putArray("cpu_flags")::add);
    }

    /** GFLOP/s of the cell's matrix products over the whole loop's wall time (overhead included). */
    private static double gflops(FlopCounter flops, BenchResult r) {
        return flops.perRowStep() * r.puzzlesPerS() * r.steps() / 1e9;
    }

    /** Null for an arch variant the counter does not know (bench still runs, without FLOP figures). */
    private static FlopCounter flopsOrNull(Model model) {
        try {
            return FlopCounter.of(model.manifest());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** JSON has no NaN: an unknown figure is null. */
    private static void num(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode toJson(String model, String provider, int threads, BenchResult r, FlopCounter flops) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", model);
        o.put("provider", provider);
        o.put("threads", threads);
        o.put("batch", r.batch());
        o.put("steps", r.steps());
        o.put("runs", r.runs());
        o.put("warmup", warmup);
        o.put("puzzles_per_s", r.puzzlesPerS());
        o.put("ms_per_step", r.msPerStep());
        o.put("cell_ms_per_step", r.cellMsPerStep());
        o.put("overhead_us_per_step", r.overheadUsPerStep());
        o.put("p50_ms", r.p50Ms());
        o.put("p90_ms", r.p90Ms());
        o.put("peak_rss_mb", r.peakRssMb());
        num(o, "gflop_per_step", flops == null ? Double.NaN : flops.perRowStep() / 1e9);
        num(o, "gflops_achieved", flops == null ? Double.NaN : gflops(flops, r));
        return o;
    }
}
