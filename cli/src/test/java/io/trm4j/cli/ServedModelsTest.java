package io.trm4j.cli;

import io.trm4j.cli.serve.ModelEntry;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
}
