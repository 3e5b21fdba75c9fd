package io.trm4j.cli;

import io.trm4j.cli.serve.ModelEntry;
import io.trm4j.cli.serve.ModelLimits;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Settings;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which models {@code trm serve} serves, and under which names (manifests only: nothing loads). */
class ServedModelsTest {
    @Test
    void everyBundledModelThenTheConfiguredOnesEachUnderItsOwnName(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("attn-copy");
        Files.createDirectories(copy);
        for (String f : new String[] {"manifest.json", "cell.onnx", "init.bin"}) {
            Files.copy(Fixtures.dir(Fixtures.ATTN).resolve(f), copy.resolve(f));
        }
        String attn = Fixtures.dir(Fixtures.ATTN).toString();
        List<ModelEntry> e = ServedModels.entries(null, null, attn + "," + copy + ", named=" + attn + ", " + tmp
                + "/missing", LoadOptions.defaults());
        List<String> names = e.stream().map(ModelEntry::name).toList();
        assertEquals(List.of("sudoku", "maze", "sequence", "arc", "tiny-attn", "attn-copy", "named", tmp + "/missing"),
                names);
        assertEquals("tokens", e.get(4).head());
        assertNull(e.get(4).problem());
        assertTrue(e.get(7).problem().endsWith("no such model directory or bundled model"), e.get(7).problem());
    }

    @Test
    void oneModelWithItsHeadOrAClearClash() {
        String attn = Fixtures.dir(Fixtures.ATTN).toString();
        List<ModelEntry> one = ServedModels.entries(attn, "tokens", null, LoadOptions.defaults());
        assertEquals(1, one.size());
        assertEquals("tiny-attn", one.get(0).name());
        TrmException clash = assertThrows(TrmException.class,
                () -> ServedModels.entries(attn, null, "tiny-attn=" + attn, LoadOptions.defaults()));
        assertEquals("two models would be served as 'tiny-attn': name one of them, e.g. serve.models=tiny-attn2="
                + attn, clash.getMessage());
    }

    private static Map<String, Settings> sections(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Settings top = TrmConfig.builder().environment(Map.of()).systemProperties(Map.of()).file(file).build()
                .settings();
        Map<String, Settings> out = new LinkedHashMap<>();
        top.modelNames().forEach(name -> out.put(name, top.model(name)));
        return out;
    }

    @Test
    void sectionsAddModelsAndGiveOneItsOwnSettingsAndLimits(@TempDir Path tmp) throws Exception {
        String attn = Fixtures.dir(Fixtures.ATTN).toString();
        Map<String, Settings> sections = sections(tmp.resolve("s.properties"), String.join("\n",
                "serve.queue=32",
                "models.sudoku.serve.queue=4",
                "models.sudoku.serve.max_steps=8",
                "models.sudoku.threads=1",
                "models.attn.path=" + attn,
                "models.attn.head=tokens",
                ""));
        List<ModelEntry> e = ServedModels.entries(null, null, null, LoadOptions.defaults(), sections);
        assertEquals(List.of("sudoku", "maze", "sequence", "arc", "attn"), e.stream().map(ModelEntry::name).toList());
        ModelLimits sudoku = e.get(0).limits();
        assertEquals(4, sudoku.queue());
        assertEquals(8, sudoku.maxSteps());
        assertEquals(64, sudoku.maxBatch()); // the serve.* default, as for every model without its own
        assertEquals("sudoku", e.get(0).head());
        assertEquals("bundled sudoku", e.get(0).source());
        assertNull(e.get(1).limits(), "maze has no section: the server's limits");
        assertEquals("tokens", e.get(4).head());
        assertEquals(attn, e.get(4).source());
        assertEquals(32, e.get(4).limits().queue()); // inherited from the top level's serve.queue
    }

    @Test
    void aSectionWithNoModelFailsSayingWhich(@TempDir Path tmp) throws Exception {
        Map<String, Settings> typo = sections(tmp.resolve("s.properties"), "models.sudok.serve.queue=4\n");
        TrmException e = assertThrows(TrmException.class,
                () -> ServedModels.entries(null, null, null, LoadOptions.defaults(), typo));
        assertEquals("section models.sudok names no model: no bundled model is called 'sudok' (did you mean "
                + "models.sudoku?) and it has no models.sudok.path", e.getMessage());
    }
}
