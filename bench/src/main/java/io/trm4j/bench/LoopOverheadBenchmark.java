package io.trm4j.bench;

import io.trm4j.bench.harness.LoopBenchmark;
import io.trm4j.core.Trm;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.ProgressListener;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Model;
import io.trm4j.core.runtime.CellShape;
import io.trm4j.core.runtime.NullCell;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The recursion loop's own cost per supervision step, with the native run taken out entirely (a
 * {@link NullCell} of the model's shape): start, per-step argmax of [B, L, V] logits, confidence,
 * halting bookkeeping, result building. Scores are microseconds per step of the whole batch
 * (OperationsPerInvocation = steps).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LoopOverheadBenchmark {
    static final int STEPS = 16;

    @Param({"sudoku"})
    public String model;

    @Param({"1", "8", "64"})
    public int batch;

    private ContinuousLoop loop;
    private InitState init;
    private EncodedBatch rows;
    private LoopSettings settings;

    @Setup
    public void setup() {
        Model m = Trm.resolve(model);
        loop = new ContinuousLoop(new NullCell(CellShape.of(m.manifest())));
        init = m.init();
        rows = LoopBenchmark.randomRows(m.manifest(), batch, 1234);
        settings = new LoopSettings(STEPS, HaltingPolicy.fixed(), false, ProgressListener.NONE);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public List<RowResult> loopWithoutCell() {
        return loop.run(rows, settings, init);
    }
}
