package io.trm4j.bench.harness;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trm4j.core.TrmException;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * This machine's single-precision matrix-product rate through ONNX Runtime itself: a one-node
 * ONNX graph {@code C = MatMul(A, B)} on {@code n x n} floats, built here as protobuf bytes (no
 * file, no onnx library), run with the thread count the cell uses. The median of the measured
 * calls gives GFLOP/s ({@code 2 n^3} per call); {@link #peak} takes the best of a few sizes.
 */
public final class PeakSgemm {
    private PeakSgemm() {
    }

    /** The best GFLOP/s over n = 512, 1024, 2048 with {@code threads} intra-op threads. */
    public static double peak(int threads) {
        double best = 0;
        for (int n : new int[]{512, 1024, 2048}) {
            best = Math.max(best, gflops(n, threads, n >= 2048 ? 5 : 10));
        }
        return best;
    }

    /** GFLOP/s of one n x n x n product: 2 warmup calls, then the median of {@code calls}. */
    public static double gflops(int n, int threads, int calls) {
        OrtEnvironment env = io.trm4j.core.runtime.OrtNatives.environment();
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "1");
            try (OrtSession session = env.createSession(matMulModel(n), o);
                 OnnxTensor a = OnnxTensor.createTensor(env, randomMatrix(n, 1), new long[]{n, n});
                 OnnxTensor b = OnnxTensor.createTensor(env, randomMatrix(n, 2), new long[]{n, n})) {
                Map<String, OnnxTensor> in = Map.of("A", a, "B", b);
                long[] nanos = new long[calls];
                for (int i = -2; i < calls; i++) {
                    long t0 = System.nanoTime();
                    try (OrtSession.Result r = session.run(in)) {
                        if (i >= 0) {
                            nanos[i] = System.nanoTime() - t0;
                        }
                    }
                }
                Arrays.sort(nanos);
                return 2.0 * n * n * n / nanos[calls / 2];
            }
        } catch (OrtException e) {
            throw new TrmException("sgemm measurement failed: " + e.getMessage(), e);
        }
    }

    private static FloatBuffer randomMatrix(int n, long seed) {
        Random random = new Random(seed);
        FloatBuffer f = ByteBuffer.allocateDirect(4 * n * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < n * n; i++) {
            f.put(i, random.nextFloat() - 0.5f);
        }
        return f;
    }

    /** ModelProto: ir_version 8, opset 17, graph { node MatMul(A, B) -> C; A, B, C float [n, n] }. */
    static byte[] matMulModel(int n) {
        byte[] node = concat(str(1, "A"), str(1, "B"), str(2, "C"), str(3, "matmul"), str(4, "MatMul"));
        byte[] graph = concat(msg(1, node), str(2, "sgemm"),
                msg(11, valueInfo("A", n)), msg(11, valueInfo("B", n)), msg(12, valueInfo("C", n)));
        byte[] opset = concat(str(1, ""), varintField(2, 17));
        return concat(varintField(1, 8), msg(7, graph), msg(8, opset));
    }

    private static byte[] valueInfo(String name, int n) {
        byte[] dim = varintField(1, n);
        byte[] shape = concat(msg(1, dim), msg(1, dim));
        byte[] tensor = concat(varintField(1, 1), msg(2, shape)); // elem_type 1 = FLOAT
        return concat(str(1, name), msg(2, msg(1, tensor)));
    }

    private static byte[] str(int field, String s) {
        return msg(field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] msg(int field, byte[] body) {
        return concat(varint((long) field << 3 | 2), varint(body.length), body);
    }

    private static byte[] varintField(int field, long value) {
        return concat(varint((long) field << 3), varint(value));
    }

    private static byte[] varint(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
