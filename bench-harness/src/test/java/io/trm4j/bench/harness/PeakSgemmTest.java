package io.trm4j.bench.harness;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-built MatMul graph loads in ONNX Runtime and multiplies; no timing thresholds. */
class PeakSgemmTest {

    @Test
    void matMulGraphComputesTheProduct() throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions();
             OrtSession s = env.createSession(PeakSgemm.matMulModel(2), o);
             OnnxTensor ta = OnnxTensor.createTensor(env, FloatBuffer.wrap(a), new long[]{2, 2});
             OnnxTensor tb = OnnxTensor.createTensor(env, FloatBuffer.wrap(b), new long[]{2, 2});
             OrtSession.Result r = s.run(Map.of("A", ta, "B", tb))) {
            float[][] c = (float[][]) r.get(0).getValue();
            assertArrayEquals(new float[]{19, 22}, c[0]);
            assertArrayEquals(new float[]{43, 50}, c[1]);
        }
    }

    @Test
    void measuresAPositiveRate() {
        double g = PeakSgemm.gflops(64, 1, 3);
        assertTrue(g > 0 && Double.isFinite(g), "GFLOP/s " + g);
    }
}
