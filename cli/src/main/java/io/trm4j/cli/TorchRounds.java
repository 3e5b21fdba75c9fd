package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.trm4j.bench.harness.BenchResult;
import io.trm4j.bench.harness.LoopBenchmark;
import io.trm4j.bench.harness.PeakSgemm;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.SessionSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import static java.util.Objects.requireNonNull;

/**
 * {@code trm bench --against-torch}: rounds of trm4j (every batch size), this machine's sgemm
 * peak, then PyTorch eager and torch.compile (every batch size), one after another so two never
 * share the CPU. The ratio is against the faster of eager and compile, the PyTorch a user would pick. On a
 * shared VM whose speed drifts by 2x within minutes, one pair of measurements a minute apart
 * can decide a ratio by itself; alternating and taking each side's median across rounds makes
 * the drift hit both sides alike. The per-round ratios are kept to show the spread.
 */
final class TorchRounds {
    /**
     * One batch size across the rounds: medians (compiled is NaN where torch.compile was not
     * timed), and each round's own ratio against that round's faster PyTorch mode.
     */
    record Row(int batch, double trm4j, double eager, double compiled, List<Double> ratios, double overheadUs,
               double msPerStep, double cellMsPerStep, double torchMsPerStep, double peakRssMb) {
        /** The faster of eager and compile. */
        double torch() {
            return Double.isNaN(compiled) ? eager : Math.max(eager, compiled);
        }

        double ratio() {
            return trm4j / torch();
        }
    }

    /**
     * What all rounds measured: rows per batch size, median sgemm peak, first round's argmax
     * agreement, and bench_torch.py's description of the torch build and the CPU (version, BLAS,
     * flags; null fields where it did not say), and why torch.compile was not timed ("" when it was).
     */
    record Measured(List<Row> rows, double peak, TorchComparison.Agreement agreement, String provider,
                    JsonNode about, String compileUnavailable) {
        String torchVersion() {
            return about.path("torch").asText();
        }
    }

    private final TorchComparison torch;
    private final Model model;
    private final Model anchor;
    private final SessionSettings session;
    private final List<Integer> batches;
    private final int steps;
    private final int warmup;
    private final int runs;
    private final long seed;

    /** {@code model} runs in trm4j (any precision), {@code anchor} (its fp32 cell) in PyTorch. */
    TorchRounds(TorchComparison torch, Model model, Model anchor, SessionSettings session, List<Integer> batches, int steps,
                int warmup, int runs, long seed) {
        this.torch = requireNonNull(torch, "torch is null");
        this.model = requireNonNull(model, "model is null");
        this.anchor = requireNonNull(anchor, "anchor is null");
        this.session = requireNonNull(session, "session is null");
        this.batches = List.copyOf(batches);
        this.steps = steps;
        this.warmup = warmup;
        this.runs = runs;
        this.seed = seed;
    }

    Measured measure(int rounds) {
        int big = batches.stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<List<BenchResult>> mine = new ArrayList<>();
        List<TorchComparison.Result> theirs = new ArrayList<>();
        double[] peaks = new double[rounds];
        int[][] predictions;
        String provider;
        try (LoopBenchmark bench = new LoopBenchmark(model, session)) {
            provider = bench.provider().name().toLowerCase(Locale.ROOT);
            predictions = bench.predictions(big, steps, seed);
            for (int round = 0; round < rounds; round++) {
                List<BenchResult> results = new ArrayList<>();
                for (int b : batches) {
                    results.add(bench.measure(b, steps, warmup, runs, seed));
                }
                mine.add(results);
                peaks[round] = PeakSgemm.peak(session.intraOpThreads());
                theirs.add(torch.run(anchor, LoopBenchmark.randomRows(model.manifest(), big, seed), batches, steps,
                        runs, warmup, session.intraOpThreads()));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < batches.size(); i++) {
            rows.add(row(i, mine, theirs));
        }
        TorchComparison.Agreement same = TorchComparison.Agreement.of(predictions, theirs.get(0).predictions());
        TorchComparison.Result first = theirs.get(0);
        JsonNode about = first.eager(batches.get(0));
        if (about == null) {
            throw new TrmException("bench_torch.py printed nothing for batch " + batches.get(0));
        }
        return new Measured(rows, median(peaks), same, provider, about,
                first.unavailable().getOrDefault("compile", ""));
    }

    private Row row(int index, List<List<BenchResult>> mine, List<TorchComparison.Result> theirs) {
        int batch = batches.get(index);
        int rounds = mine.size();
        List<BenchResult> ours = new ArrayList<>();
        double[] eager = new double[rounds];
        double[] compiled = new double[rounds];
        double[] bestMs = new double[rounds];
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            BenchResult m = mine.get(r).get(index);
            JsonNode e = theirs.get(r).eager(batch);
            if (e == null) {
                throw new TrmException("bench_torch.py printed nothing for batch " + batch);
            }
            JsonNode c = theirs.get(r).byMode().getOrDefault("compile", Map.of()).get(batch);
            ours.add(m);
            eager[r] = e.get("torch_puzzles_per_s").asDouble();
            compiled[r] = c == null ? Double.NaN : c.get("torch_puzzles_per_s").asDouble();
            JsonNode best = c != null && compiled[r] > eager[r] ? c : e;
            bestMs[r] = best.get("ms_per_step").asDouble();
            ratios.add(m.puzzlesPerS() / best.get("torch_puzzles_per_s").asDouble());
        }
        double compiledMedian = Arrays.stream(compiled).anyMatch(Double::isNaN) ? Double.NaN : median(compiled);
        return new Row(batch, median(ours, BenchResult::puzzlesPerS), median(eager), compiledMedian,
                List.copyOf(ratios), median(ours, BenchResult::overheadUsPerStep), median(ours, BenchResult::msPerStep),
                median(ours, BenchResult::cellMsPerStep), median(bestMs),
                ours.stream().mapToDouble(BenchResult::peakRssMb).max().orElse(-1));
    }

    private static <T> double median(List<T> items, ToDoubleFunction<T> f) {
        return median(items.stream().mapToDouble(f).toArray());
    }

    /** The middle value (the mean of the two middle ones for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
