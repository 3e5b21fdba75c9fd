package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code trm bench} end to end on the fixture cell: output shape and errors, no timing thresholds. */
class BenchCommandTest {
    private static final List<String> KEYS = List.of("model", "provider", "threads", "batch", "steps", "runs",
            "warmup", "puzzles_per_s", "ms_per_step", "cell_ms_per_step", "overhead_us_per_step", "p50_ms",
            "p90_ms", "peak_rss_mb", "gflop_per_step", "gflops_achieved", "precision", "cell", "cpu_model", "cpu_flags");
    /** The keys issue 7 asks of {@code --against-torch --json}, in this order, before the extras. */
    private static final List<String> AGAINST_TORCH_KEYS = List.of("model", "batch", "trm4j_puzzles_per_s",
            "torch_puzzles_per_s", "ratio", "loop_overhead_us_per_step", "gflops_achieved", "gflops_peak");
    private final String dir = Fixtures.dir(Fixtures.ATTN).toString();



    @Test
    void jsonIsOneObjectPerBatchSize() throws Exception {
        CliRun r = CliRun.of("bench", "--model", dir, "--batch", "1,2", "--runs", "2", "--warmup", "1", "--threads", "1",
                "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length, r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode json = new ObjectMapper().readTree(lines[i]);
            List<String> keys = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            assertEquals(KEYS, keys);
            assertEquals("tiny-attn", json.get("model").asText());
            assertEquals("cpu", json.get("provider").asText());
            assertEquals(i + 1, json.get("batch").asInt());
            assertEquals(16, json.get("steps").asInt(), "default: the model's max_steps");
            assertEquals(2, json.get("runs").asInt());
            assertTrue(json.get("puzzles_per_s").asDouble() > 0, lines[i]);
            assertTrue(json.get("cell_ms_per_step").asDouble() > 0, lines[i]);
            assertTrue(json.get("cell_ms_per_step").asDouble() <= json.get("ms_per_step").asDouble(), lines[i]);
        }
    }

    /** Runs the real export-scripts/bench_torch.py where python3 has torch (CI installs it), else skips. */
    @Test
    void againstTorchPrintsRatiosAndTheSameAnswers() throws Exception {
        java.nio.file.Path script = TorchComparison.findScript();
        assumeTrue(script != null && pythonHasTorch(), "python3 with torch and export-scripts/bench_torch.py");
        CliRun r = CliRun.of("bench", "--model", dir, "--batch", "1,3", "--steps", "2", "--runs", "1", "--warmup", "0",
                "--threads", "1", "--against-torch", "--rounds", "2", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length, r.out());
        for (int i = 0; i < 2; i++) {
            JsonNode json = new ObjectMapper().readTree(lines[i]);
            List<String> keys = new java.util.ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            assertEquals(AGAINST_TORCH_KEYS, keys.subList(0, AGAINST_TORCH_KEYS.size()), lines[i]);
            assertEquals(i == 0 ? 1 : 3, json.get("batch").asInt());
            assertTrue(json.get("torch_puzzles_per_s").asDouble() > 0, lines[i]);
            assertEquals(json.get("trm4j_puzzles_per_s").asDouble() / json.get("torch_puzzles_per_s").asDouble(),
                    json.get("ratio").asDouble(), 1e-9);
            assertTrue(json.get("gflops_peak").asDouble() > 0, lines[i]);
            assertEquals(2, json.get("rounds").asInt());
            assertEquals(2, json.get("ratio_per_round").size(), "trm4j and torch alternated twice: " + lines[i]);
            assertEquals(3, json.get("rows_compared").asInt());
            assertEquals(1.0, json.get("argmax_agreement").asDouble(), lines[i]);
            double eager = json.get("torch_eager_puzzles_per_s").asDouble();
            assertTrue(eager > 0 && json.get("torch_puzzles_per_s").asDouble() >= eager, lines[i]);
            JsonNode compiled = json.get("torch_compile_puzzles_per_s");
            // Debian's torch 1.13 has no torch.compile: reported, and the ratio is against eager alone
            assertEquals(compiled.isNull(), json.has("torch_compile_unavailable"), lines[i]);
            assertEquals(json.get("torch_version").asText().startsWith("1."), json.get("torch_fallback").asBoolean(),
                    lines[i]);
            assertFalse(json.get("torch_blas").asText().isEmpty(), lines[i]);
            assertFalse(json.get("cpu_model").asText().isEmpty(), lines[i]);
        }
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2.0, TorchRounds.median(new double[] {3, 1, 2}));
        assertEquals(2.5, TorchRounds.median(new double[] {4, 1, 3, 2}));
    }

    @Test
    void againstTorchNamesAMissingScript() {
        assertError("trm: /no/bench_torch.py: no such file (give --torch-script PATH to bench_torch.py)",
                "bench", dir, "--against-torch", "--torch-script", "/no/bench_torch.py", "--threads", "1");
    }

    private static boolean pythonHasTorch() {
        try {
            Process p = new ProcessBuilder(TorchComparison.defaultPython(System.getenv()), "-c", "import torch, onnx").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException | InterruptedException e) {
            return false;
        }
    }

    @Test
    void tableByDefaultWithPositionalModelAndSteps() {
        CliRun r = CliRun.of("bench", dir, "--batch", "3", "--steps", "2", "--runs", "1", "--warmup", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].startsWith("model tiny-attn (fp32)  provider cpu  threads 1  steps 2  runs 1 (+0 warmup)  cpu "),
                r.out());
        assertTrue(lines[1].trim().startsWith("BATCH") && lines[1].contains("OVERHEAD US/STEP"), r.out());
        assertEquals("3", lines[2].trim().split("\\s+")[0], r.out());
    }

    @Test
    void errorsAreOneLineAndExitTwo() {
        assertError("trm: say which model: trm bench NAME|DIR, or --model NAME|DIR (known heads: ", "bench");
        assertError("trm: give the model once: --model " + dir + " or 'x'", "bench", "--model", dir, "x");
        assertError("trm: batch must be in 1..65536, got 0", "bench", dir, "--batch", "0", "--threads", "1");
        assertError("trm: runs must be >= 1, got 0", "bench", dir, "--runs", "0", "--threads", "1");
        assertError("trm: bench always runs every row for --steps steps (fixed halting); drop --halting/--patience",
                "bench", dir, "--halting", "act");
        assertError("trm: /no/such/model: no such model directory", "bench", "/no/such/model");
        assertError("trm: Invalid value for option '--batch'", "bench", dir, "--batch", "1,x");
        assertError("trm: bad value 'int4' for precision in --precision: unknown precision 'int4'; expected fp32, int8 or fp16",
                "bench", dir, "--precision", "int4");
        assertError("trm: model 'tiny-attn' has no int8 variant (no " + dir + "/cell-int8.onnx); make one with "
                + "export-scripts/quantize_int8.py --model DIR --variant, or run --precision fp32",
                "bench", dir, "--precision", "int8");
    }

    /** A variant beside the cell runs instead of it, and the JSON names it. */
    @Test
    void precisionRunsTheVariantCell(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path model = tmp.resolve("m");
        java.nio.file.Files.createDirectories(model);
        try (var files = java.nio.file.Files.list(Fixtures.dir(Fixtures.ATTN))) {
            for (java.nio.file.Path f : files.toList()) {
                java.nio.file.Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        java.nio.file.Files.copy(model.resolve("cell.onnx"), model.resolve("cell-int8.onnx"));
        CliRun r = CliRun.of("bench", "--model", model.toString(), "--batch", "1", "--steps", "1", "--runs", "1",
                "--warmup", "0", "--threads", "1", "--precision", "int8", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out().trim());
        assertEquals("int8", json.get("precision").asText());
        assertEquals("cell-int8.onnx", json.get("cell").asText());
        java.nio.file.Files.write(model.resolve("cell-int8.onnx"), new byte[] {1, 2, 3});
        CliRun broken = CliRun.of("bench", "--model", model.toString(), "--batch", "1", "--steps", "1", "--runs", "1",
                "--warmup", "0", "--threads", "1", "--precision", "int8");
        assertEquals(2, broken.code(), broken.out() + broken.err());
        assertTrue(broken.err().contains("cell-int8.onnx"), "the variant is what was opened: " + broken.err());
    }

    private static void assertError(String prefix, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(prefix), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
