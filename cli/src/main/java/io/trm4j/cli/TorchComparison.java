package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Runs export-scripts/bench_torch.py (PyTorch eager and torch.compile, the same weights read back
 * from the cell's ONNX initializers) on the rows trm bench used, after trm4j's own measurement so
 * the two never share the CPU, and reads back its puzzles/s per mode and batch and the largest
 * batch's final argmax (eager's).
 */
final class TorchComparison {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "export-scripts/bench_torch.py";

    /** The modes asked of bench_torch.py: eager always, torch.compile where the torch has it. */
    static final List<String> MODES = List.of("eager", "compile");

    /**
     * bench_torch.py's figures: its JSON object per mode and batch, the largest batch's argmax,
     * and why a mode was not timed (torch.compile on PyTorch 1.x), by mode.
     */
    record Result(Map<String, Map<Integer, JsonNode>> byMode, int[][] predictions, Map<String, String> unavailable) {
        /** eager's object for this batch (every run has one). */
        JsonNode eager(int batch) {
            return byMode.getOrDefault("eager", Map.of()).get(batch);
        }
    }

    private final String python;
    private final Path script;

    TorchComparison(String python, Path script) {
        this.python = requireNonNull(python, "python is null");
        this.script = requireNonNull(script, "script is null");
        if (!Files.isRegularFile(script)) {
            throw new TrmException(script + ": no such file (give --torch-script PATH to bench_torch.py)");
        }
    }

    /** $TRM_PYTHON, else the system Python the export scripts are tested with, else python3 on the PATH. */
    static String defaultPython(Map<String, String> env) {
        String configured = env.get("TRM_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    /** {@value #SCRIPT} in the working directory or one of its parents, else null. */
    static Path findScript() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolve(SCRIPT);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    Result run(Model model, EncodedBatch rows, List<Integer> batches, int steps, int runs, int warmup, int threads) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("trm-bench-torch");
            Path dir = modelDir(model, tmp);
            Path tokens = tmp.resolve("tokens.i64");
            Path predictions = tmp.resolve("predictions.i32");
            writeTokens(rows, tokens);
            List<String> cmd = List.of(python, script.toString(), "--model", dir.toString(),
                    "--batch", batches.stream().map(String::valueOf).collect(Collectors.joining(",")),
                    "--steps", String.valueOf(steps), "--runs", String.valueOf(runs),
                    "--warmup", String.valueOf(warmup), "--threads", String.valueOf(threads),
                    "--tokens", tokens.toString(), "--predictions", predictions.toString(),
                    "--modes", String.join(",", MODES));
            Process p = new ProcessBuilder(cmd).redirectError(tmp.resolve("stderr.txt").toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                String err = Files.readString(tmp.resolve("stderr.txt")).strip();
                throw new TrmException(String.join(" ", cmd.subList(0, 2)) + " failed: "
                        + (err.isEmpty() ? out.strip() : err.lines().reduce((a, b) -> b).orElse(err)));
            }
            Map<String, Map<Integer, JsonNode>> byMode = new HashMap<>();
            Map<String, String> unavailable = new HashMap<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode node = JSON.readTree(line);
                    String mode = node.path("mode").asText("eager");
                    if (!node.path("available").asBoolean(true)) {
                        unavailable.put(mode, node.path("reason").asText("unavailable"));
                    } else {
                        byMode.computeIfAbsent(mode, m -> new HashMap<>()).put(node.get("batch").asInt(), node);
                    }
                }
            }
            int l = rows.tokens()[0].length;
            return new Result(byMode, readPredictions(predictions, l), unavailable);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrmException("interrupted while waiting for " + script);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The model's directory, or (a bundled model on the classpath) a copy of its files in tmp. */
    static Path modelDir(Model model, Path tmp) throws IOException {
        String cell = model.manifest().cell();
        var path = model.source().path(cell);
        if (path.isPresent() && path.get().getParent() != null
                && Files.isRegularFile(path.get().resolveSibling("manifest.json"))) {
            return path.get().getParent();
        }
        Path dir = Files.createDirectories(tmp.resolve("model"));
        for (String f : List.of("manifest.json", cell, model.manifest().init())) {
            Files.write(dir.resolve(f), model.source().read(f));
        }
        return dir;
    }

    static void writeTokens(EncodedBatch rows, Path file) throws IOException {
        long[][] t = rows.tokens();
        ByteBuffer buf = ByteBuffer.allocate(8 * t.length * t[0].length).order(ByteOrder.LITTLE_ENDIAN);
        for (long[] row : t) {
            for (long v : row) {
                buf.putLong(v);
            }
        }
        Files.write(file, buf.array());
    }

    static int[][] readPredictions(Path file, int seqLen) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new int[0][];
        }
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int rows = buf.remaining() / 4 / seqLen;
        int[][] out = new int[rows][seqLen];
        for (int[] row : out) {
            for (int p = 0; p < seqLen; p++) {
                row[p] = buf.getInt();
            }
        }
        return out;
    }

    /** Fraction of positions where both argmaxes agree, and how many rows agree everywhere. */
    record Agreement(double positions, int rowsEqual, int rows) {
        static Agreement of(int[][] a, int[][] b) {
            if (a.length != b.length || a.length == 0) {
                throw new TrmException("cannot compare answers: trm4j has " + a.length + " rows, torch " + b.length);
            }
            long same = 0;
            long total = 0;
            int rowsEqual = 0;
            for (int r = 0; r < a.length; r++) {
                int rowSame = 0;
                for (int p = 0; p < a[r].length; p++) {
                    rowSame += a[r][p] == b[r][p] ? 1 : 0;
                }
                same += rowSame;
                total += a[r].length;
                rowsEqual += rowSame == a[r].length ? 1 : 0;
            }
            return new Agreement((double) same / total, rowsEqual, a.length);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(walk.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temp directory left behind is harmless.
        }
    }
}
