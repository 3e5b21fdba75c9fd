package io.trm4j.core.config;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.loop.HaltingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several models in one configuration: {@code models.<name>.<key>}. */
class ModelSectionsTest {
    @TempDir
    Path tmp;

    private TrmConfig config(String text, Map<String, String> props) throws Exception {
        Path f = tmp.resolve("service.properties");
        Files.writeString(f, text);
        return TrmConfig.builder().environment(Map.of()).systemProperties(props).file(f).build();
    }

    @Test
    void eachModelHasItsOwnSettingsOverTheTopLevel() throws Exception {
        TrmConfig c = config("""
                threads=2
                max_steps=8
                models.sudoku.provider=auto
                models.maze.path=/models/maze
                models.maze.head=maze
                models.maze.threads=1
                models.maze.halting=act
                models.maze.patience=3
                """, Map.of("trm.models.sudoku.max_steps", "12"));
        assertEquals(List.of("sudoku", "maze"), List.copyOf(c.models().keySet()));
        TrmConfig sudoku = c.model("sudoku");
        assertEquals("sudoku", sudoku.requireModel()); // no path: the bundled model of that name
        assertEquals(ExecutionProvider.AUTO, sudoku.loadOptions().provider());
        assertEquals(2, sudoku.loadOptions().threads()); // inherited
        assertEquals(12, sudoku.reasonOptions().maxSteps()); // the system property beats the top level
        assertEquals("system property trm.models.sudoku.max_steps", sudoku.settings().source(Setting.MAX_STEPS));
        assertNull(sudoku.loadOptions().head());
        TrmConfig maze = c.models().get("maze");
        assertEquals("/models/maze", maze.model());
        assertEquals("maze", maze.loadOptions().head());
        assertEquals(ExecutionProvider.CPU, maze.loadOptions().provider());
        assertEquals(1, maze.loadOptions().threads());
        assertEquals(8, maze.reasonOptions().maxSteps());
        assertEquals(HaltingPolicy.Kind.ACT, maze.reasonOptions().halting());
        assertEquals(3, maze.reasonOptions().patience());
        assertTrue(c.toString().contains("models.maze.path=/models/maze"), c.toString());
        TrmException several = assertThrows(TrmException.class, c::requireModel);
        assertTrue(several.getMessage().contains("several models (sudoku, maze)"), several.getMessage());
    }

    @Test
    void aSectionMayHaveItsOwnServingLimitsOverTheTopLevels() throws Exception {
        TrmConfig c = config("""
                serve.queue=64
                serve.max_batch=16
                models.maze.serve.queue=4
                models.maze.serve.batching=static
                models.sudoku.serve.max_search_budget=8
                """, Map.of("trm.models.sudoku.serve.timeout_ms", "5000"));
        Settings maze = c.model("maze").settings();
        assertEquals(4, maze.intValue(Setting.SERVE_QUEUE));
        assertEquals("static", maze.text(Setting.SERVE_BATCHING));
        assertEquals(16, maze.intValue(Setting.SERVE_MAX_BATCH)); // inherited
        Settings sudoku = c.model("sudoku").settings();
        assertEquals(64, sudoku.intValue(Setting.SERVE_QUEUE));
        assertEquals(8, sudoku.intValue(Setting.SERVE_MAX_SEARCH_BUDGET));
        assertEquals(5000, sudoku.intValue(Setting.SERVE_TIMEOUT_MS));
        assertEquals(64, c.settings().intValue(Setting.SERVE_QUEUE)); // the top level keeps its own
        TrmException range = assertThrows(TrmException.class, () -> config("models.maze.serve.queue=0\n", Map.of()));
        assertTrue(range.getMessage().contains("bad value '0' for serve.queue"), range.getMessage());
        TrmException typo = assertThrows(TrmException.class, () -> config("models.maze.serve.queu=4\n", Map.of()));
        assertTrue(typo.getMessage().contains("did you mean 'models.maze.serve.queue'?"), typo.getMessage());
    }

    @Test
    void unknownSectionKeyGetsDidYouMeanWithFileAndLine() throws Exception {
        TrmException e = assertThrows(TrmException.class,
                () -> config("models.sudoku.path=sudoku\nmodels.maze.provder=cuda\n", Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'models.maze.provder'"), e.getMessage());
        assertTrue(e.getMessage().contains("service.properties line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'models.maze.provider'?"), e.getMessage());
        TrmException serve = assertThrows(TrmException.class,
                () -> config("models.maze.serve.port=1\n", Map.of()));
        assertTrue(serve.getMessage().contains("models.maze.serve.port"), serve.getMessage());
    }

    @Test
    void badValuesDuplicatesAndUnknownModelsFailClearly() throws Exception {
        TrmException bad = assertThrows(TrmException.class, () -> config("models.maze.provider=gpu\n", Map.of()));
        assertTrue(bad.getMessage().contains("bad value 'gpu'") && bad.getMessage().contains("line 1"),
                bad.getMessage());
        TrmException twice = assertThrows(TrmException.class,
                () -> config("models.maze.threads=1\nmodels.maze.threads=2\n", Map.of()));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
        TrmException mixed = assertThrows(TrmException.class,
                () -> config("model=sudoku\nmodels.maze.threads=2\n", Map.of()));
        assertTrue(mixed.getMessage().contains("models.<name>.path"), mixed.getMessage());
        TrmException noName = assertThrows(TrmException.class, () -> config("models.threads=2\n", Map.of()));
        assertTrue(noName.getMessage().contains("expected models.<name>.<key>"), noName.getMessage());
        TrmConfig c = config("models.maze.threads=1\n", Map.of());
        TrmException unknown = assertThrows(TrmException.class, () -> c.model("maz"));
        assertTrue(unknown.getMessage().contains("did you mean 'maze'?"), unknown.getMessage());
    }

    @Test
    void aFlatConfigurationHasNoSections() {
        assertTrue(TrmConfig.of("sudoku").models().isEmpty());
        assertEquals("sudoku", TrmConfig.of("sudoku").requireModel());
    }
}
