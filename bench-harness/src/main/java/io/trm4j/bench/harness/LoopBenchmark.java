package io.trm4j.bench.harness;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.ProgressListener;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.CellShape;
import io.trm4j.core.runtime.NullCell;
import io.trm4j.core.runtime.SessionSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static java.util.Objects.requireNonNull;

/**
 * Measures what the Java recursion loop costs on top of the native session: one session is
 * opened and reused for every {@link #measure} call (as a service would), rows are random valid
 * tokens, halting is fixed so every row runs exactly {@code steps} steps and each run does the
 * same work. Wall time is taken around the whole {@code loop.run(...)} and the time inside the
 * cell's {@code step()} is subtracted: the rest is argmax, halting bookkeeping, start and result
 * building. Not thread-safe.
 */
public final class LoopBenchmark implements AutoCloseable {
    /** Beyond this a batch is a typo, not a benchmark: fail before allocating B*S*D state. */
    public static final int MAX_BATCH = 65_536;

    private static final Path PROC_STATUS = Path.of("/proc/self/status");
    /**
     * How long the loop's Java code runs over a {@link NullCell} before measuring: a few real runs
     * leave argmax and bookkeeping in the interpreter, which made the overhead figure 100x JMH's.
     */
    private static final long JIT_WARMUP_NANOS = 500_000_000L;

    private final Model model;
    private final CellSession session;
    private final TimedCell cell;
    private final ContinuousLoop loop;
    private final ContinuousLoop nullLoop;

    public LoopBenchmark(Model model, SessionSettings settings) {
        this.model = requireNonNull(model, "model is null");
        requireNonNull(settings, "settings is null");
        this.session = new CellSession(model, settings);
        this.cell = new TimedCell(session);
        this.loop = new ContinuousLoop(cell);
        this.nullLoop = new ContinuousLoop(new NullCell(CellShape.of(model.manifest())));
    }

    /** The provider the session really runs on. */
    public ExecutionProvider provider() {
        return session.provider();
    }

    /**
     * Runs the loop over a {@link NullCell} for {@link #JIT_WARMUP_NANOS} (JIT-compiles the loop
     * without spending native compute), {@code warmup} unmeasured real runs (ORT arenas), then
     * {@code runs} measured ones.
     *
     * @param seed seeds the random tokens, so runs of the same settings see the same rows
     */
    public BenchResult measure(int batch, int steps, int warmup, int runs, long seed) {
        if (batch < 1 || batch > MAX_BATCH) {
            throw new TrmException("batch must be in 1.." + MAX_BATCH + ", got " + batch);
        }
        if (warmup < 0) {
            throw new TrmException("warmup must be >= 0, got " + warmup);
        }
        if (runs < 1) {
            throw new TrmException("runs must be >= 1, got " + runs);
        }
        Setting.MAX_STEPS.limit().check(steps);
        LoopSettings settings = new LoopSettings(steps, HaltingPolicy.fixed(), false, ProgressListener.NONE);
        EncodedBatch rows = randomRows(batch, seed);
        long jitStart = System.nanoTime();
        while (System.nanoTime() - jitStart < JIT_WARMUP_NANOS) {
            nullLoop.run(rows, settings, model.init());
        }
        for (int i = 0; i < warmup; i++) {
            runOnce(rows, settings);
        }
        cell.reset();
        long[] runNanos = new long[runs];
        long wallNanos = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            runOnce(rows, settings);
            runNanos[i] = System.nanoTime() - t0;
            wallNanos += runNanos[i];
        }
        long cellNanos = cell.stepNanos();
        double totalSteps = (double) runs * steps;
        Arrays.sort(runNanos);
        return new BenchResult(batch, steps, runs,
                (double) batch * runs / (wallNanos / 1e9),
                wallNanos / 1e6 / totalSteps,
                cellNanos / 1e6 / totalSteps,
                (wallNanos - cellNanos) / 1e3 / totalSteps,
                percentile(runNanos, 0.50) / 1e6,
                percentile(runNanos, 0.90) / 1e6,
                peakRssMb());
    }

    private void runOnce(EncodedBatch rows, LoopSettings settings) {
        List<RowResult> out = loop.run(rows, settings, model.init());
        // Cheap check that keeps the results live and catches a loop that stopped early.
        if (out.size() != rows.rows() || out.get(0).steps() != settings.maxSteps()) {
            throw new IllegalStateException("loop ran " + out.get(0).steps() + " steps, expected "
                    + settings.maxSteps());
        }
    }

    /**
     * The final argmax of {@code batch} benchmark rows after {@code steps} fixed steps: what
     * {@code trm bench --against-torch} compares with PyTorch on the same rows.
     */
    public int[][] predictions(int batch, int steps, long seed) {
        Setting.MAX_STEPS.limit().check(steps);
        List<RowResult> out = loop.run(randomRows(batch, seed),
                new LoopSettings(steps, HaltingPolicy.fixed(), false, ProgressListener.NONE), model.init());
        return out.stream().map(RowResult::argmax).toArray(int[][]::new);
    }

    private EncodedBatch randomRows(int batch, long seed) {
        return randomRows(model.manifest(), batch, seed);
    }

    /**
     * The benchmark's rows: ids 1..V-1 (0 is padding in every exported vocab) and puzzle id 0,
     * which every model accepts. A smaller batch of the same seed is a prefix of a larger one.
     */
    public static EncodedBatch randomRows(Manifest manifest, int batch, long seed) {
        int l = manifest.seqLen();
        int v = manifest.vocabSize();
        Random random = new Random(seed);
        long[][] tokens = new long[batch][l];
        for (long[] row : tokens) {
            for (int p = 0; p < l; p++) {
                row[p] = v > 1 ? 1 + random.nextInt(v - 1) : 0;
            }
        }
        return new EncodedBatch(tokens, new long[batch]);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** VmHWM (peak resident set of the whole JVM, native ORT memory included) in MB, or -1 off Linux. */
    static double peakRssMb() {
        try {
            if (!Files.isReadable(PROC_STATUS)) {
                return -1;
            }
            for (String line : Files.readAllLines(PROC_STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // A figure we cannot read is reported as unknown, never fails the benchmark.
        }
        return -1;
    }

    @Override
    public void close() {
        cell.close();
    }
}
