package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm doctor} on this CPU-only build, and the native path's errors through the CLI. */
class DoctorCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run trm(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrmCli.run(args, new ByteArrayInputStream(new byte[0]), new PrintWriter(out), new PrintWriter(err), env);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void reportsTheJarsOrtAndThatCudaDoesNotStart() throws Exception {
        Run r = trm(Map.of(), "doctor", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode ort = doc.get("onnxruntime");
        assertEquals("onnxruntime", ort.get("java_artifact").asText());
        assertEquals(ort.get("java_api_version").asText(), ort.get("native_version").asText());
        assertTrue(ort.get("native_path").isNull());
        assertTrue(ort.get("providers").toString().contains("CPU"), ort.toString());
        assertFalse(ort.get("cuda_starts").asBoolean());
        assertTrue(ort.get("cuda_problem").asText().contains("Recipes (docs/CUDA.md)"), ort.toString());
        assertTrue(doc.get("cpu").get("processors").asInt() >= 1);
        assertTrue(doc.has("gpu") && doc.has("java"));
        Run text = trm(Map.of(), "doctor");
        assertTrue(text.out().contains("cuda         does not start: CUDA execution provider unavailable"), text.out());
    }

    @Test
    void aBadNativePathFailsNamingItsSource(@TempDir Path dir) {
        Run flag = trm(Map.of(), "doctor", "--ort-native-path", dir.resolve("missing").toString());
        assertEquals(TrmCli.USAGE, flag.code());
        assertTrue(flag.err().contains("missing (--ort-native-path) does not exist"), flag.err());
        Run env = trm(Map.of("TRM_ORT_NATIVE_PATH", dir.toString()), "solve", "sudoku", "-");
        assertEquals(TrmCli.USAGE, env.code());
        assertTrue(env.err().startsWith("trm: ONNX Runtime native path " + dir.toAbsolutePath().normalize()
                + " (environment variable TRM_ORT_NATIVE_PATH) has no libonnxruntime.so"), env.err());
    }

    @Test
    void readsTheCpuModelAndItsVectorFlags() {
        HostInfo.Cpu cpu = HostInfo.parseCpu(List.of("processor\t: 0", "model name\t: Example CPU @ 2.0GHz",
                "flags\t\t: fpu sse avx2 fma avx512f avx512_vnni amx_tile", "processor\t: 1",
                "model name\t: Other"), 2);
        assertEquals("Example CPU @ 2.0GHz", cpu.model());
        assertEquals(List.of("avx2", "fma", "avx512f", "avx512_vnni", "amx_tile"), cpu.flags());
    }
}
