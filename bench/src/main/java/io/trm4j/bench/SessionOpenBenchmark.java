package io.trm4j.bench;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.trm4j.core.Trm;
import io.trm4j.core.model.Model;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Session start-up: opening the cell with full graph optimization (what trm4j does) against
 * opening an optimized-model file written once before with optimizations off (the on-disk cache).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SessionOpenBenchmark {
    @Param({"sudoku"})
    public String model;

    private byte[] cell;
    private Path optimized;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Model m = Trm.resolve(model);
        cell = m.source().read(m.manifest().cell());
        optimized = Files.createTempDirectory("trm-open").resolve("cell.optimized.onnx");
        try (OrtSession.SessionOptions o = SessionOptionsBenchmark.options(1, false,
                OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
            o.setOptimizedModelFilePath(optimized.toString());
            OrtEnvironment.getEnvironment().createSession(cell, o).close();
        }
        optimized.toFile().deleteOnExit();
    }

    @Benchmark
    public void openOptimizingNow() throws Exception {
        try (OrtSession.SessionOptions o = SessionOptionsBenchmark.options(1, false,
                OrtSession.SessionOptions.OptLevel.ALL_OPT);
             OrtSession s = OrtEnvironment.getEnvironment().createSession(cell, o)) {
            s.getNumInputs();
        }
    }

    @Benchmark
    public void openCachedOptimized() throws Exception {
        try (OrtSession.SessionOptions o = SessionOptionsBenchmark.options(1, false,
                OrtSession.SessionOptions.OptLevel.NO_OPT);
             OrtSession s = OrtEnvironment.getEnvironment().createSession(optimized.toString(), o)) {
            s.getNumInputs();
        }
    }
}
