package io.trm4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trm4j.bench.harness.LoopBenchmark;
import io.trm4j.core.Trm;
import io.trm4j.core.head.EncodedBatch;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Session options against one cell call, outside {@code CellSession} (which fixes its options):
 * graph optimization level, intra-op threads, spinning, and whether the session is opened from an
 * optimized-model file written earlier (ORT's "optimized model cache" on disk, opened with
 * optimizations off). Each call feeds the same input tensors and allocates its outputs, so
 * absolute times sit a little above {@link CellStepBenchmark}; compare the rows with each other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class SessionOptionsBenchmark {
    @Param({"sudoku"})
    public String model;

    @Param({"1"})
    public int batch;

    /** ALL, EXTENDED, BASIC, NO_OPT, or CACHED (ALL written to disk once, reopened with NO_OPT). */
    @Param({"ALL", "EXTENDED", "BASIC", "NO_OPT", "CACHED"})
    public String opt;

    /** 0: the machine's processors. */
    @Param({"0", "1"})
    public int threads;

    @Param({"true", "false"})
    public boolean spinning;

    private OrtSession session;
    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private Path tmp;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Model m = Trm.resolve(model);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] cell = m.source().read(m.manifest().cell());
        tmp = Files.createTempDirectory("trm-session-options");
        session = open(env, cell, opt, threads, spinning, tmp);
        EncodedBatch rows = LoopBenchmark.randomRows(m.manifest(), batch, 1234);
        int l = m.manifest().seqLen();
        int s = m.manifest().stateLen();
        int d = m.manifest().hiddenSize();
        LongBuffer tokens = ByteBuffer.allocateDirect(8 * batch * l).order(ByteOrder.nativeOrder()).asLongBuffer();
        for (long[] row : rows.tokens()) {
            tokens.put(row);
        }
        tokens.rewind();
        inputs.put("tokens", OnnxTensor.createTensor(env, tokens, new long[]{batch, l}));
        inputs.put("y", OnnxTensor.createTensor(env, state(batch * s, m.init().y()), new long[]{batch, s, d}));
        inputs.put("z", OnnxTensor.createTensor(env, state(batch * s, m.init().z()), new long[]{batch, s, d}));
        if (session.getInputNames().contains("puzzle_ids")) {
            inputs.put("puzzle_ids", OnnxTensor.createTensor(env,
                    ByteBuffer.allocateDirect(8 * batch).order(ByteOrder.nativeOrder()).asLongBuffer(), new long[]{batch}));
        }
    }

    /** Opens the cell with the options named; CACHED writes the ALL-optimized graph first and opens that. */
    static OrtSession open(OrtEnvironment env, byte[] cell, String opt, int threads, boolean spinning, Path tmp)
            throws OrtException {
        int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        if (opt.equals("CACHED")) {
            Path optimized = tmp.resolve("cell.optimized.onnx");
            try (OrtSession.SessionOptions o = options(t, spinning, OrtSession.SessionOptions.OptLevel.ALL_OPT)) {
                o.setOptimizedModelFilePath(optimized.toString());
                env.createSession(cell, o).close();
            }
            try (OrtSession.SessionOptions o = options(t, spinning, OrtSession.SessionOptions.OptLevel.NO_OPT)) {
                return env.createSession(optimized.toString(), o);
            }
        }
        OrtSession.SessionOptions.OptLevel level = switch (opt) {
            case "ALL" -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            case "EXTENDED" -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case "BASIC" -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case "NO_OPT" -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            default -> throw new IllegalArgumentException("opt " + opt);
        };
        try (OrtSession.SessionOptions o = options(t, spinning, level)) {
            return env.createSession(cell, o);
        }
    }

    static OrtSession.SessionOptions options(int threads, boolean spinning, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtSession.SessionOptions o = new OrtSession.SessionOptions();
        o.setIntraOpNumThreads(threads);
        o.setInterOpNumThreads(1);
        o.setOptimizationLevel(level);
        o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        o.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
        return o;
    }

    private static FloatBuffer state(int positions, float[] init) {
        FloatBuffer f = ByteBuffer.allocateDirect(4 * positions * init.length).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (int p = 0; p < positions; p++) {
            f.put(init);
        }
        return f.rewind();
    }

    @Benchmark
    public float run() throws OrtException {
        try (OrtSession.Result r = session.run(inputs)) {
            return ((OnnxTensor) r.get("q_halt").orElseThrow()).getFloatBuffer().get(0);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        for (OnnxTensor t : inputs.values()) {
            t.close();
        }
        session.close();
        try (var walk = Files.walk(tmp)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
