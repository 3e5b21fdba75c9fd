package io.trm4j.core.model;

import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelLoaderTest {
    @TempDir
    Path tmp;

    static Path copyFixture(String name, Path to) {
        try (Stream<Path> files = Files.list(Fixtures.dir(name))) {
            Files.createDirectories(to);
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void loadsAFixtureDirectory() throws IOException {
        Model m = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
        assertEquals(32, m.init().hiddenSize());
        byte[] raw = Files.readAllBytes(Fixtures.dir(Fixtures.ATTN).resolve("init.bin"));
        ByteBuffer le = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(le.getFloat(0), m.init().y()[0]);
        assertEquals(le.getFloat(4 * 32), m.init().z()[0]);
        ModelInfo info = m.info();
        assertEquals("tiny-attn", info.name());
        assertEquals(16, info.seqLen());
        assertEquals(8, info.vocabSize());
    }

    @Test
    void wrongInitSizeNamesTheFile() throws IOException {
        Path dir = copyFixture(Fixtures.ATTN, tmp.resolve("m"));
        Files.write(dir.resolve("init.bin"), new byte[100]);
        TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
        assertEquals(dir.resolve("init.bin") + ": expected 256 bytes (2 * hidden_size 32 float32), found 100",
                e.getMessage());
    }

    @Test
    void missingFilesAreNamed() throws IOException {
        Path dir = copyFixture(Fixtures.ATTN, tmp.resolve("m"));
        Files.delete(dir.resolve("cell.onnx"));
        TrmException e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
        assertTrue(e.getMessage().contains("cell.onnx: file not found (named by field 'cell'"), e.getMessage());
        Files.delete(dir.resolve("manifest.json"));
        e = assertThrows(TrmException.class, () -> ModelLoader.load(dir));
        assertEquals(dir.resolve("manifest.json") + ": file not found", e.getMessage());
        e = assertThrows(TrmException.class, () -> ModelLoader.load(tmp.resolve("nope")));
        assertTrue(e.getMessage().contains("not a model directory"), e.getMessage());
    }

    @Test
    void catalogFindsBundledModelsByNameOrHead() throws IOException {
        Path root = tmp.resolve("cp");
        copyFixture(Fixtures.ATTN, root.resolve("trm4j/models/tiny-attn"));
        Files.writeString(root.resolve("trm4j/models/index.txt"), "# bundled\ntiny-attn\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            ModelCatalog catalog = new ModelCatalog(cl);
            assertEquals(List.of("tiny-attn"), catalog.folders());
            assertEquals("tiny-attn", catalog.require("tiny-attn").manifest().name());
            ModelCatalog.Entry byHead = catalog.require("tokens");
            assertEquals("tiny-attn", byHead.folder());
            Model m = ModelLoader.load(byHead.source());
            assertEquals("classpath:trm4j/models/tiny-attn", m.source().describe());
            assertTrue(byHead.source().size("cell.onnx") > 0);
            TrmException e = assertThrows(TrmException.class, () -> catalog.require("sudoku"));
            assertEquals("no bundled model named or for head 'sudoku'; bundled: tiny-attn (head tokens) "
                    + "(or pass a model directory)", e.getMessage());
        }
    }

    /** With no models jar on the classpath the error names the artifact that brings them. */
    @Test
    void withNoBundledModelsTheErrorNamesTheModelsArtifact() throws IOException {
        try (URLClassLoader cl = new URLClassLoader(new URL[] {tmp.toUri().toURL()}, null)) {
            TrmException e = assertThrows(TrmException.class, () -> new ModelCatalog(cl).require("sudoku"));
            assertEquals("no bundled model named or for head 'sudoku'; bundled: none "
                    + "(add the dependency io.trm4j:trm4j-models, or pass a model directory)", e.getMessage());
        }
    }
}
