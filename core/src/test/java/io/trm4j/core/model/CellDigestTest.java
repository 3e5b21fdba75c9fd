package io.trm4j.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.runtime.CellSession;
import io.trm4j.core.runtime.SessionSettings;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 8, bad models: the optional manifest field {@code cell_sha256}, checked when the model is loaded. */
class CellDigestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SessionSettings CPU1 = new SessionSettings(ExecutionProvider.CPU, 1, false);

    @TempDir
    Path tmp;

    private Path copy() {
        return ModelLoaderTest.copyFixture(Fixtures.ATTN, tmp.resolve("m"));
    }

    private static void editManifest(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        edit.accept(m);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), m);
    }

    private static String sha256(Path file) throws IOException {
        return Identifiers.sha256(Files.readAllBytes(file));
    }

    /** Loads the model and opens its native session, as Trm.load does; returns the logits of one step. */
    private static float[] load(Path dir) {
        try (Model model = ModelLoader.load(dir); CellSession cell = new CellSession(model, CPU1)) {
            cell.start(new long[][] {{7, 4, 4, 7, 3, 2, 2, 3, 6, 4, 6, 2, 2, 4, 4, 7}}, new long[] {1}, model.init());
            cell.step();
            float[] logits = new float[cell.logits().capacity()];
            cell.logits().get(0, logits);
            return logits;
        }
    }

    @Test
    void matchingDigestLoads() throws IOException {
        Path dir = copy();
        String digest = sha256(dir.resolve("cell.onnx"));
        editManifest(dir, m -> m.put("cell_sha256", digest.toUpperCase(Locale.ROOT))); // hex in either case
        load(dir);
        assertEquals(digest, ModelLoader.load(dir).manifest().cellSha256());
    }

    @Test
    void flippedByteInsideTheWeightsFailsClearlyWithADigest() throws IOException {
        Path dir = copy();
        Path cell = dir.resolve("cell.onnx");
        String digest = sha256(cell);
        float[] before = load(dir);
        byte[] bytes = Files.readAllBytes(cell);
        bytes[bytes.length / 2] ^= 0x10; // the middle of the file is weight data: a valid graph with another number
        Files.write(cell, bytes);
        // Without a digest nothing notices: the model loads and computes something else.
        assertFalse(Arrays.equals(before, load(dir)), "the flipped byte changed no logit");
        String actual = sha256(cell);

        editManifest(dir, m -> m.put("cell_sha256", digest));
        TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
        assertEquals(cell + ": sha256 is " + actual + " but manifest.json field 'cell_sha256' is " + digest
                + " (the cell file is damaged, or is not the one exported with this manifest)", e.getMessage());
    }

    @Test
    void malformedDigestIsAManifestError() throws IOException {
        Path dir = copy();
        String digest = sha256(dir.resolve("cell.onnx"));
        for (String bad : new String[] {"abc", digest.substring(1), digest + "0", "g" + digest.substring(1), ""}) {
            editManifest(dir, m -> m.put("cell_sha256", bad));
            TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
            assertEquals(dir.resolve("manifest.json") + ": field 'cell_sha256' is not a sha256 (64 hex digits): '"
                    + bad + "'", e.getMessage());
        }
        editManifest(dir, m -> m.put("cell_sha256", 42));
        TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
        assertTrue(e.getMessage().contains("'cell_sha256'"), e.getMessage());
    }

    @Test
    void digestOfAClasspathModelIsCheckedToo() throws IOException {
        Path root = tmp.resolve("cp");
        Path dir = ModelLoaderTest.copyFixture(Fixtures.ATTN, root.resolve("trm4j/models/tiny-attn"));
        editManifest(dir, m -> m.put("cell_sha256", "0".repeat(64)));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            ModelSource source = new ClasspathSource("trm4j/models/tiny-attn", cl);
            TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(source));
            assertTrue(e.getMessage().startsWith("classpath:trm4j/models/tiny-attn/cell.onnx: sha256 is "
                    + sha256(dir.resolve("cell.onnx")) + " but manifest.json field 'cell_sha256' is 000"),
                    e.getMessage());
        }
    }
}
