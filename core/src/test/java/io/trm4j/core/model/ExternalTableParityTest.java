package io.trm4j.core.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.core.testing.Fixtures.Golden;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An imported model whose puzzle-embedding table lives outside the graph (format_version 2,
 * {@code tiny-official-table}, 50 ids): the rows gathered from the mapped {@link PuzzleTable} and
 * fed as the cell's {@code puzzle_emb} input reproduce PyTorch's 16 steps within 1e-4. The loop
 * here is bare ONNX Runtime, a cross-check of the cell and the table alone; the runtime's own loop
 * on this fixture is checked by {@code ParityTest}, {@code CompactionParityTest} and
 * {@code TableModelTest}.
 */
class ExternalTableParityTest {
    private static final String FIXTURE = "tiny-official-table";

    @Test
    void gatheredRowsReproducePytorch() throws IOException, OrtException {
        Path dir = Fixtures.dir(FIXTURE);
        Golden g = Fixtures.golden(FIXTURE);
        JsonNode m = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals(2, m.get("format_version").asInt());
        JsonNode spec = m.get("puzzle_table");
        assertEquals("puzzle_emb", spec.get("input").asText());
        int d = m.get("hidden_size").asInt();
        int s = m.get("state_len").asInt();
        int l = g.seqLen();
        int b = g.batch();
        assertEquals(d, spec.get("dim").asInt());
        PuzzleTable table = PuzzleTable.open(dir.resolve(spec.get("file").asText()), spec.get("rows").asLong(), d);
        assertEquals(m.get("arch").get("num_puzzle_ids").asLong(), table.rows());
        InitState init = InitState.decode(Files.readAllBytes(dir.resolve("init.bin")), d, "init.bin");

        FloatBuffer rows = FloatBuffer.allocate(b * d);
        table.gather(g.puzzleIds(), rows);
        LongBuffer tokens = LongBuffer.allocate(b * l);
        for (long[] row : g.tokens()) {
            tokens.put(row);
        }
        float[] y = new float[b * s * d];
        float[] z = new float[b * s * d];
        for (int i = 0; i < b * s; i++) {
            System.arraycopy(init.y(), 0, y, i * d, d);
            System.arraycopy(init.z(), 0, z, i * d, d);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float worst = 0;
        try (OrtSession session = env.createSession(dir.resolve("cell.onnx").toString(), new OrtSession.SessionOptions());
             OnnxTensor tok = OnnxTensor.createTensor(env, tokens.flip(), new long[] {b, l});
             OnnxTensor emb = OnnxTensor.createTensor(env, rows.flip(), new long[] {b, d})) {
            for (int step = 0; step < g.steps(); step++) {
                try (OnnxTensor yt = OnnxTensor.createTensor(env, FloatBuffer.wrap(y), new long[] {b, s, d});
                     OnnxTensor zt = OnnxTensor.createTensor(env, FloatBuffer.wrap(z), new long[] {b, s, d});
                     OrtSession.Result out = session.run(Map.of("tokens", tok, "y", yt, "z", zt, "puzzle_emb", emb))) {
                    y = floats(out, "y_out");
                    z = floats(out, "z_out");
                    worst = Math.max(worst, maxDiff(g.logits()[step], floats(out, "logits")));
                    worst = Math.max(worst, maxDiff(g.qHalt()[step], floats(out, "q_halt")));
                }
            }
        }
        System.out.printf("parity %s (puzzle table outside the graph): max |diff| over %d steps %.2e%n", FIXTURE,
                g.steps(), worst);
        assertTrue(worst <= 1e-4f, "max |diff| " + worst);
    }

    private static float[] floats(OrtSession.Result out, String name) {
        OnnxTensor t = (OnnxTensor) out.get(name).orElseThrow();
        FloatBuffer fb = t.getFloatBuffer();
        float[] a = new float[fb.remaining()];
        fb.get(a);
        return a;
    }

    private static float maxDiff(float[] expected, float[] actual) {
        assertEquals(expected.length, actual.length);
        float worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        return worst;
    }
}
