package io.trm4j.core.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The parity fixtures written by {@code export-scripts/make_fixtures.py}: random-weight cells
 * with PyTorch's outputs for 16 steps. Shared with the heads/cli tests via the core test-jar.
 */
public final class Fixtures {
    public static final String ATTN = "tiny-attn";
    public static final String MLPT = "tiny-mlpt";
    /** A random-weight cell shaped like a sequence-head model (seq_len 135, vocab 123); no golden.json. */
    public static final String SEQUENCE = "tiny-sequence";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Fixtures() {
    }

    /** The fixture's directory; fails (not skips) when the fixture is missing. */
    public static Path dir(String name) {
        URL url = Fixtures.class.getClassLoader().getResource("fixtures/" + name + "/manifest.json");
        if (url != null && "file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        // From another module's tests the resource sits in a jar: use the source tree instead.
        for (Path base = Path.of("").toAbsolutePath(); base != null; base = base.getParent()) {
            Path p = base.resolve("core/src/test/resources/fixtures/" + name);
            if (Files.isRegularFile(p.resolve("manifest.json"))) {
                return p;
            }
        }
        throw new AssertionError("parity fixture '" + name + "' is missing: expected "
                + "core/src/test/resources/fixtures/" + name + "/ (run export-scripts/make_fixtures.py)");
    }

    public static Golden golden(String name) {
        try {
            return MAPPER.readValue(dir(name).resolve("golden.json").toFile(), Golden.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** golden.json. */
    public record Golden(
            int batch, int steps,
            @com.fasterxml.jackson.annotation.JsonProperty("seq_len") int seqLen,
            @com.fasterxml.jackson.annotation.JsonProperty("vocab_size") int vocabSize,
            @com.fasterxml.jackson.annotation.JsonProperty("state_len") int stateLen,
            @com.fasterxml.jackson.annotation.JsonProperty("hidden_size") int hiddenSize,
            long[][] tokens,
            @com.fasterxml.jackson.annotation.JsonProperty("puzzle_ids") long[] puzzleIds,
            float[][] logits,
            @com.fasterxml.jackson.annotation.JsonProperty("q_halt") float[][] qHalt,
            @com.fasterxml.jackson.annotation.JsonProperty("y_final") Stats yFinal,
            @com.fasterxml.jackson.annotation.JsonProperty("z_final") Stats zFinal) {

        /** Argmax per position of {@code row} at {@code step} (1-based), first maximum wins. */
        public int[] argmax(int step, int row) {
            float[] all = logits[step - 1];
            int[] out = new int[seqLen];
            for (int p = 0; p < seqLen; p++) {
                int base = (row * seqLen + p) * vocabSize;
                int best = 0;
                for (int t = 1; t < vocabSize; t++) {
                    if (all[base + t] > all[base + best]) {
                        best = t;
                    }
                }
                out[p] = best;
            }
            return out;
        }
    }

    public record Stats(double sum, @com.fasterxml.jackson.annotation.JsonProperty("abs_sum") double absSum,
                        float[] first) {
    }
}
