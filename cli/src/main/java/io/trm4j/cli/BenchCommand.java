package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.bench.BenchResult;
import io.trm4j.core.bench.LoopBenchmark;
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

    @Override
    public Integer call() {
        String modelRef = modelRef();
        if (batches.isEmpty()) {
            throw new TrmException("--batch needs at least one size");
        }
        // Only flags count here: a deployment's config may name a halting policy that bench ignores.
        if (run.halting != null || run.patience != null) {
            throw new TrmException("bench always runs every row for --steps steps (fixed halting); "
                    + "drop --halting/--patience");
        }
        if (steps != null && run.maxSteps != null && !steps.equals(run.maxSteps)) {
            throw new TrmException("--steps " + steps + " and --max-steps " + run.maxSteps + " disagree; give one");
        }
        // Options validates provider and threads the same way solve/eval do.
        SessionSettings session = run.options(null, false).sessionSettings();
        Model model = Trm.resolve(modelRef);
        int n = steps != null ? steps : run.maxSteps() != null ? run.maxSteps() : model.manifest().maxSteps();
        PrintWriter out = spec.commandLine().getOut();
        try (LoopBenchmark bench = new LoopBenchmark(model, session)) {
            String provider = bench.provider().name().toLowerCase(Locale.ROOT);
            if (!json) {
                out.printf(Locale.ROOT, "model %s  provider %s  threads %d  steps %d  runs %d (+%d warmup)%n",
                        model.manifest().name(), provider, session.intraOpThreads(), n, runs, warmup);
                out.printf(Locale.ROOT, "%6s %11s %9s %13s %17s %9s %9s %9s%n", "BATCH", "PUZZLES/S", "MS/STEP",
                        "CELL MS/STEP", "OVERHEAD US/STEP", "P50 MS", "P90 MS", "PEAK MB");
            }
            for (int b : batches) {
                BenchResult r = bench.measure(b, n, warmup, runs, seed);
                if (json) {
                    out.println(toJson(model.manifest().name(), provider, session.intraOpThreads(), r));
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
        if (positional != null && run.model != null) {
            throw new TrmException("give the model once: --model " + run.model + " or '" + positional + "'");
        }
        String ref = run.model != null ? run.model : positional != null ? positional : run.model();
        if (ref == null) {
            throw new TrmException("say which model: trm bench NAME|DIR, or --model NAME|DIR (known heads: "
                    + String.join(", ", Trm.heads().names()) + ")");
        }
        return ref;
    }

    private String toJson(String model, String provider, int threads, BenchResult r) {
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
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
