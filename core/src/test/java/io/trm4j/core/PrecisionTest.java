package io.trm4j.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.config.Setting;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code precision}: which cell of a model directory runs, and what a missing variant says. */
class PrecisionTest {
    @TempDir
    Path tmp;

    private Path copy() throws IOException {
        Path to = Files.createDirectories(tmp.resolve("m"));
        try (Stream<Path> files = Files.list(Fixtures.dir(Fixtures.ATTN))) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void parsesAndNamesTheVariantFile() {
        assertEquals(Precision.INT8, Precision.parse(" INT8 "));
        assertEquals("int8", Precision.INT8.key());
        assertEquals("cell-int8.onnx", Precision.INT8.defaultFile("cell.onnx"));
        assertEquals("model-fp16.onnx", Precision.FP16.defaultFile("model.onnx"));
        TrmException e = assertThrows(TrmException.class, () -> Precision.parse("int4"));
        assertEquals("unknown precision 'int4'; expected fp32, int8 or fp16", e.getMessage());
    }

    @Test
    void fp32IsTheModelItselfAndAVariantBesideItReplacesTheCell() throws IOException {
        Path dir = copy();
        Model m = ModelLoader.load(dir);
        assertSame(m, m.withPrecision(Precision.FP32));
        TrmException e = assertThrows(TrmException.class, () -> m.withPrecision(Precision.INT8));
        assertEquals("model 'tiny-attn' has no int8 variant (no " + dir.resolve("cell-int8.onnx") + "); make one "
                + "with export-scripts/quantize_int8.py --model DIR --variant, or run --precision fp32", e.getMessage());
        Files.copy(dir.resolve("cell.onnx"), dir.resolve("cell-int8.onnx"));
        Model int8 = m.withPrecision(Precision.INT8);
        assertEquals("cell-int8.onnx", int8.manifest().cell());
        assertNull(int8.manifest().cellSha256(), "the fp32 cell's digest is not the variant's");
        assertSame(m.init(), int8.init());
    }

    @Test
    void theManifestsVariantsNameTheFile() throws IOException {
        Path dir = copy();
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(dir.resolve("manifest.json").toFile());
        manifest.putObject("variants").put("int8", "q/cell.q8.onnx");
        json.writeValue(dir.resolve("manifest.json").toFile(), manifest);
        Model m = ModelLoader.load(dir);
        TrmException e = assertThrows(TrmException.class, () -> m.withPrecision(Precision.INT8));
        assertTrue(e.getMessage().startsWith("model 'tiny-attn' has no int8 variant (" + dir.resolve("q/cell.q8.onnx")
                + ", named by variants.int8 in manifest.json, is missing); make one with "), e.getMessage());
        Files.createDirectories(dir.resolve("q"));
        Files.copy(dir.resolve("cell.onnx"), dir.resolve("q/cell.q8.onnx"));
        assertEquals("q/cell.q8.onnx", m.withPrecision(Precision.INT8).manifest().cell());
    }

    @Test
    void loadingWithAPrecisionRunsTheVariantAndFailsWithoutIt() throws IOException {
        Path dir = copy();
        HeadRegistry heads = new HeadRegistry(Map.of("rows", new TableModelTest.RowHead()));
        LoadOptions fp32 = LoadOptions.builder().threads(1).head("rows").build();
        LoadOptions int8 = fp32.toBuilder().precision(Precision.INT8).build();
        TrmException missing = assertThrows(TrmException.class, () -> Trm.load(dir.toString(), int8, heads));
        assertTrue(missing.getMessage().startsWith("model 'tiny-attn' has no int8 variant"), missing.getMessage());
        Files.write(dir.resolve("cell-int8.onnx"), new byte[] {1, 2, 3}); // not a graph: opening it must fail
        TrmException broken = assertThrows(TrmException.class, () -> Trm.load(dir.toString(), int8, heads));
        assertTrue(broken.getMessage().contains("cell-int8.onnx"), broken.getMessage());
        try (Reasoner<Object, Object> r = Trm.load(dir.toString(), fp32, heads)) {
            assertEquals(Precision.FP32, r.loadOptions().precision());
        }
    }

    @Test
    void configuredAtTheTopLevelAndPerModel() {
        assertEquals(Precision.FP32, TrmConfig.of("x").loadOptions().precision());
        assertEquals(Precision.INT8, TrmConfig.of("x").with(Setting.PRECISION, "int8").loadOptions().precision());
        TrmConfig c = TrmConfig.builder().environment(Map.of("TRM_PRECISION", "fp16"))
                .systemProperties(Map.of("trm.models.a.path", "x", "trm.models.a.precision", "int8",
                        "trm.models.b.path", "y")).build();
        assertEquals(Precision.INT8, c.model("a").loadOptions().precision());
        assertEquals(Precision.FP16, c.model("b").loadOptions().precision(), "inherited from the top level");
        TrmException e = assertThrows(TrmException.class, () -> TrmConfig.builder().environment(Map.of())
                .systemProperties(Map.of("trm.precision", "bf16")).build());
        assertTrue(e.getMessage().contains("unknown precision 'bf16'"), e.getMessage());
    }
}
