package io.trm4j.core.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Manifest format 2 ({@code puzzle_table}, identifiers with their sha256) on
 * {@code tiny-official-table} (50 ids x D 32): what loads, and the error for each way it can be wrong.
 */
class TableManifestTest {
    private static final String FIXTURE = "tiny-official-table";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copy() {
        return ModelLoaderTest.copyFixture(FIXTURE, tmp.resolve("m"));
    }

    private static void editManifest(Path dir, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(dir.resolve("manifest.json").toFile());
        edit.accept(m);
        JSON.writeValue(dir.resolve("manifest.json").toFile(), m);
    }

    private static ObjectNode table(ObjectNode m) {
        return (ObjectNode) m.get("puzzle_table");
    }

    /** Writes {@code names} as the identifiers file and puts its (right) sha256 into the manifest. */
    private static void writeIdentifiers(Path dir, ArrayNode names) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(names);
        Files.write(dir.resolve("identifiers.json"), bytes);
        editManifest(dir, m -> m.put("identifiers_sha256", Identifiers.sha256(bytes)));
    }

    private static String failure(Path dir) {
        return assertThrows(TrmException.class, () -> ModelLoader.load(dir)).getMessage();
    }

    /** An official ARC build names ~1M puzzles: the manifest inlines none, identifiers.json has them all. */
    @Test
    void theIdentifiersFileIsThePuzzleVocabularyWhenTheManifestInlinesNone() throws IOException {
        Path dir = copy();
        editManifest(dir, m -> m.remove("puzzle_ids"));
        ArrayNode names = JSON.createArrayNode().add("<blank>");
        for (int i = 1; i < 50; i++) {
            names.add(i == 49 ? "puzzle7" : "task" + i + "|||t1|||0123456789"); // a repeated name keeps its first id
        }
        names.set(7, names.textNode("puzzle7"));
        writeIdentifiers(dir, names);
        try (Model model = ModelLoader.load(dir)) {
            var ids = model.info().puzzleIds();
            assertEquals(49, ids.size());
            assertEquals(7L, ids.get("puzzle7"));
            assertEquals(3L, ids.get("task3|||t1|||0123456789"));
            assertEquals(0L, ids.get("<blank>"));
        }
    }

    @Test
    void loadsTheTableAndClosesItWithTheModel() throws IOException {
        Path dir = Fixtures.dir(FIXTURE);
        Model model = ModelLoader.load(dir);
        Manifest m = model.manifest();
        assertEquals(2, m.formatVersion());
        assertTrue(m.hasPuzzleTable());
        assertEquals(new PuzzleTableSpec("puzzle_emb.f32", 50, 32, "float32", "little", "puzzle_emb", 6400L),
                m.puzzleTable());
        assertEquals("identifiers.json", m.identifiers());
        PuzzleTable t = model.puzzleTable();
        assertEquals(50, t.rows());
        assertEquals(32, t.dim());
        float[] expected = new float[32];
        java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("puzzle_emb.f32")), 49 * 32 * 4, 32 * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(expected);
        assertArrayEquals(expected, t.row(49));
        model.close();
        assertTrue(t.isClosed());
        model.close(); // idempotent
        TrmException e = assertThrows(TrmException.class, () -> t.row(0));
        assertTrue(e.getMessage().endsWith("puzzle_emb.f32: the puzzle table is closed"), e.getMessage());
    }

    @Test
    void formatOneModelsHaveNoTable() {
        try (Model m = ModelLoader.load(Fixtures.dir("tiny-official-attn"))) {
            assertFalse(m.manifest().hasPuzzleTable());
            assertNull(m.puzzleTable());
            assertEquals("identifiers.json", m.manifest().identifiers()); // checked like format 2's
        }
        try (Model m = ModelLoader.load(Fixtures.dir(Fixtures.ATTN))) {
            assertNull(m.manifest().identifiers());
        }
    }

    @Test
    void dimAndRowsMustMatchTheModel() throws IOException {
        Path dir = copy();
        editManifest(dir, m -> table(m).put("dim", 16).put("bytes", 50 * 16 * 4));
        assertEquals(dir.resolve("manifest.json") + ": puzzle_table.dim (16) differs from hidden_size (32)",
                failure(dir));
        editManifest(dir, m -> table(m).put("dim", 32).put("rows", 49).put("bytes", 49 * 32 * 4));
        assertEquals(dir.resolve("manifest.json") + ": puzzle_table.rows (49) differs from arch.num_puzzle_ids (50)",
                failure(dir));
    }

    @Test
    void fieldsNameWhatIsWrong() throws IOException {
        Path dir = copy();
        editManifest(dir, m -> table(m).put("bytes", 6401));
        assertTrue(failure(dir).endsWith("field 'puzzle_table.bytes' is 6401 but rows 50 x dim 32 float32 make 6400"));
        editManifest(dir, m -> table(m).put("bytes", 6400).put("dtype", "bfloat16"));
        assertTrue(failure(dir).endsWith("field 'puzzle_table.dtype' is 'bfloat16'; this trm4j reads only 'float32'"));
        editManifest(dir, m -> table(m).put("dtype", "float32").put("byte_order", "big"));
        assertTrue(failure(dir).contains("'puzzle_table.byte_order' is 'big'"));
        editManifest(dir, m -> table(m).put("byte_order", "little").put("input", "puzzle_ids"));
        assertTrue(failure(dir).contains("'puzzle_table.input' is 'puzzle_ids'"));
        editManifest(dir, m -> table(m).put("input", "puzzle_emb").remove("file"));
        assertTrue(failure(dir).endsWith("field 'puzzle_table.file' is missing"));
        editManifest(dir, m -> table(m).put("file", "puzzle_emb.f32"));
        editManifest(dir, m -> m.put("format_version", 1));
        assertTrue(failure(dir).endsWith("field 'puzzle_table' needs format_version >= 2, got 1"));
        editManifest(dir, m -> m.put("format_version", 2).put("identifiers_sha256", "abc"));
        assertTrue(failure(dir).endsWith("field 'identifiers_sha256' is not a sha256 (64 hex digits): 'abc'"));
        editManifest(dir, m -> m.remove("identifiers_sha256"));
        assertTrue(failure(dir).contains("field 'identifiers_sha256' is missing"));
    }

    @Test
    void tableFileMustExistWithTheRightSize() throws IOException {
        Path dir = copy();
        Path file = dir.resolve("puzzle_emb.f32");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertEquals(file + ": expected 6400 bytes (50 rows x 32 float32), found 6396", failure(dir));
        Files.delete(file);
        assertEquals(file + ": file not found (named by field 'puzzle_table.file' in manifest.json)", failure(dir));
    }

    @Test
    void identifiersMustBeTheOnesTheManifestNames() throws IOException {
        Path dir = copy();
        Path ids = dir.resolve("identifiers.json");
        ArrayNode names = (ArrayNode) JSON.readTree(ids.toFile());
        ArrayNode swapped = names.deepCopy();
        swapped.set(1, names.get(2));
        swapped.set(2, names.get(1));
        Files.write(ids, JSON.writeValueAsBytes(swapped));
        String msg = failure(dir);
        assertTrue(msg.startsWith(ids + ": sha256 is ") && msg.contains("but manifest.json field "
                + "'identifiers_sha256' is d874fd5e") && msg.endsWith("puzzle ids would lose their meaning)"), msg);

        writeIdentifiers(dir, swapped); // right sha256, but the inline names disagree
        assertEquals("manifest.json field 'puzzle_ids' maps 'puzzle1' to 1 but " + ids + " has 'puzzle2' there",
                failure(dir));

        ArrayNode short49 = names.deepCopy();
        short49.remove(49);
        writeIdentifiers(dir, short49);
        assertEquals(ids + ": has 49 names but arch.num_puzzle_ids is 50", failure(dir));

        writeIdentifiers(dir, JSON.createArrayNode().add(JSON.createObjectNode()));
        assertEquals(ids + ": entry 0 is not a name", failure(dir));

        Files.delete(ids);
        assertEquals(ids + ": file not found (named by field 'identifiers' in manifest.json)", failure(dir));
    }

    @Test
    void aTableMustBeOnDisk() throws IOException {
        Path root = tmp.resolve("cp");
        ModelLoaderTest.copyFixture(FIXTURE, root.resolve("trm4j/models/t"));
        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            TrmException e = assertThrows(TrmException.class,
                    () -> ModelLoader.load(new ClasspathSource("trm4j/models/t", cl)));
            assertEquals("classpath:trm4j/models/t/puzzle_emb.f32: the puzzle table must be a file on disk (it is "
                    + "memory-mapped, not read into memory); copy the model out of the jar or classpath and load "
                    + "its directory", e.getMessage());
        }
    }
}
