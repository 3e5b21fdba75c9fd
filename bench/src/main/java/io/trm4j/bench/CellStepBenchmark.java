package io.trm4j.bench;

import io.trm4j.bench.harness.LoopBenchmark;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.Trm;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.SessionSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One supervision step of the real cell through {@link CellSession} (pinned outputs, ping-pong
 * state): the per-step latency the loop pays per call. The state keeps evolving from step to
 * step, as in a real run; every step does the same arithmetic whatever its values.
 * {@code -p model=/path/to/dir} benchmarks another model, {@code -p threads=1} another thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CellStepBenchmark {
    @Param({"sudoku"})
    public String model;

    @Param({"1", "8", "64"})
    public int batch;

    /** 0: the machine's processors. */
    @Param({"0"})
    public int threads;

    @Param({"true"})
    public boolean spinning;

    private CellSession cell;

    @Setup(Level.Trial)
    public void setup() {
        Model m = Trm.resolve(model);
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        cell = new CellSession(m, new SessionSettings(ExecutionProvider.CPU, t, spinning));
        EncodedBatch rows = LoopBenchmark.randomRows(m.manifest(), batch, 1234);
        cell.start(rows.tokens(), rows.puzzleIds(), m.init());
    }

    @Benchmark
    public void step() {
        cell.step();
    }

    @TearDown(Level.Trial)
    public void close() {
        cell.close();
    }
}
