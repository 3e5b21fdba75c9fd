package io.trm4j.core.config;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.loop.HaltingPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The library entry point: system properties and the one mapping to options. */
class ConfigSourcesTest {
    @TempDir
    Path tmp;

    @Test
    void systemPropertiesBeatEnvBeatFile() throws Exception {
        Path f = tmp.resolve("trm.properties");
        Files.writeString(f, "model=sudoku\nthreads=2\nmax_steps=8\nhalting=act\n");
        TrmConfig c = TrmConfig.builder().file(f)
                .environment(Map.of("TRM_THREADS", "3", "TRM_MAX_STEPS", "12"))
                .systemProperties(Map.of("trm.max_steps", "5", "java.home", "/jdk", "trm.soak.steps", "9"))
                .build();
        assertEquals("system property trm.max_steps", c.settings().source(Setting.MAX_STEPS));
        assertEquals("environment variable TRM_THREADS", c.settings().source(Setting.THREADS));
        assertEquals("sudoku", c.requireModel());
        LoadOptions load = c.loadOptions();
        assertEquals(3, load.threads());
        assertEquals(5, load.reasonDefaults().maxSteps());
        assertEquals(HaltingPolicy.Kind.ACT, load.reasonDefaults().halting());
        assertEquals(c.reasonOptions(), load.reasonDefaults());

        TrmConfig flagged = TrmConfig.builder().file(f).environment(Map.of())
                .systemProperties(Map.of("trm.max_steps", "5")).flags(Map.of(Setting.MAX_STEPS, "4")).build();
        assertEquals(4, flagged.reasonOptions().maxSteps());
        assertEquals("--max-steps", flagged.settings().source(Setting.MAX_STEPS));
    }

    @Test
    void aNearMissPropertyIsATypoOthersAreNotOurs() {
        TrmException e = assertThrows(TrmException.class, () -> TrmConfig.builder().environment(Map.of())
                .systemProperties(Map.of("trm.max_step", "5")).build());
        assertEquals("unknown system property trm.max_step; did you mean 'trm.max_steps'?", e.getMessage());
        e = assertThrows(TrmException.class, () -> TrmConfig.builder().environment(Map.of())
                .systemProperties(Map.of("trm.threads", "many")).build());
        assertEquals("bad value 'many' for threads in system property trm.threads: not an integer", e.getMessage());
    }

    @Test
    void anUnknownFileKeyNamesTheFileAndLine() throws Exception {
        Path f = tmp.resolve("svc.properties");
        Files.writeString(f, "model=sudoku\n\nmax_step=3\n");
        TrmException e = assertThrows(TrmException.class,
                () -> TrmConfig.builder().file(f).environment(Map.of()).systemProperties(Map.of()).build());
        assertEquals("unknown key 'max_step' in " + f + " line 3; did you mean 'max_steps'?", e.getMessage());
    }

    @Test
    void overridesGoThroughTheTableAndKeepTheBaseElsewhere() {
        ReasonOptions base = ReasonOptions.builder().maxSteps(9).patience(4).trace(true).build();
        ReasonOptions o = Settings.of(Map.of(Setting.MAX_STEPS, 3, Setting.HALTING, "converged"), "request")
                .reasonOptions(base);
        assertEquals(3, o.maxSteps());
        assertEquals(HaltingPolicy.Kind.CONVERGED, o.halting());
        assertEquals(4, o.patience());
        assertEquals(true, o.trace());
        TrmException e = assertThrows(TrmException.class,
                () -> Settings.of(Map.of(Setting.MAX_STEPS, 0), "request"));
        assertEquals("max steps must be in 1..1024, got 0", e.getMessage());
        e = assertThrows(TrmException.class, () -> Settings.of(Map.of(Setting.THREADS, "0"), "request"));
        assertEquals("bad value '0' for threads: must be in 1..1024", e.getMessage());
    }

    @Test
    void ofReadsNoEnvironmentAndRequiresAModelToLoad() {
        TrmConfig c = TrmConfig.of("sudoku");
        assertEquals(ExecutionProvider.CPU, c.loadOptions().provider());
        assertNull(c.loadOptions().threads());
        TrmConfig none = TrmConfig.builder().environment(Map.of()).systemProperties(Map.of()).build();
        assertEquals("no model configured: set model (or head) in the config file, TRM_MODEL or -Dtrm.model",
                assertThrows(TrmException.class, none::requireModel).getMessage());
        assertEquals(Setting.MAX_STEPS.limit(), new Limit("max steps", 1, 1024));
    }
}
