package io.trm4j.core.config;

import io.trm4j.core.ExecutionProvider;
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

class SettingsResolverTest {
    @TempDir
    Path tmp;

    private Path file(String text) throws Exception {
        Path f = tmp.resolve("trm.properties");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void flagBeatsEnvBeatsFileBeatsDefault() throws Exception {
        Path f = file("# a deployment\nmodel = /models/sudoku\nthreads=2\nmax_steps=8\nhalting: act\nserve.port=9000\n");
        Map<String, String> env = Map.of("TRM_THREADS", "3", "TRM_MAX_STEPS", "12", "PATH", "/bin",
                "TRM_JAVA_OPTS", "-Xmx1g");
        Settings s = new SettingsResolver(env).resolve(Map.of(Setting.THREADS, "4"), f);
        assertEquals(4, s.integer(Setting.THREADS));
        assertEquals("--threads", s.source(Setting.THREADS));
        assertEquals(12, s.integer(Setting.MAX_STEPS));
        assertEquals("environment variable TRM_MAX_STEPS", s.source(Setting.MAX_STEPS));
        assertEquals("/models/sudoku", s.text(Setting.MODEL));
        assertEquals(f + " line 2", s.source(Setting.MODEL));
        assertEquals(HaltingPolicy.Kind.ACT, s.halting());
        assertEquals(9000, s.intValue(Setting.SERVE_PORT));
        assertEquals(64, s.intValue(Setting.SERVE_MAX_BATCH));
        assertEquals("default", s.source(Setting.SERVE_MAX_BATCH));
        assertEquals(ExecutionProvider.CPU, s.provider());
        assertNull(s.text(Setting.HEAD));
        assertNull(s.integer(Setting.PATIENCE));
    }

    @Test
    void unknownFileKeySuggestsTheClosest() throws Exception {
        Path f = file("model=x\n\nmax_step=8\n");
        TrmException e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), f));
        assertEquals("unknown key 'max_step' in " + f + " line 3; did you mean 'max_steps'?", e.getMessage());

        Path g = file("serve.max_batchsize=8\n");
        e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), g));
        assertEquals("unknown key 'serve.max_batchsize' in " + g + " line 1; did you mean 'serve.max_batch'?",
                e.getMessage());

        Path h = file("colour=blue\n");
        e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), h));
        assertEquals("unknown key 'colour' in " + h + " line 1; known: halting, head, max_steps, model, ort_native_path, "
                + "patience, precision, provider, serve.access_log, serve.batching, serve.host, serve.idle_timeout_ms, "
                + "serve.load, "
                + "serve.max_batch, serve.max_body_bytes, serve.max_connections, serve.max_search_budget, "
                + "serve.max_steps, serve.max_wait_ms, serve.models, serve.port, serve.queue, serve.timeout_ms, "
                + "serve.tls_keystore, serve.tls_keystore_password, serve.token, threads", e.getMessage());
    }

    @Test
    void unknownEnvVariableSuggestsTheClosest() {
        TrmException e = assertThrows(TrmException.class,
                () -> new SettingsResolver(Map.of("TRM_PROVIDR", "cpu")).resolve(Map.of(), null));
        assertEquals("unknown environment variable TRM_PROVIDR; did you mean 'TRM_PROVIDER'?", e.getMessage());
    }

    @Test
    void badValuesNameKeyAndSource() throws Exception {
        Path f = file("threads=many\n");
        TrmException e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), f));
        assertEquals("bad value 'many' for threads in " + f + " line 1: not an integer", e.getMessage());

        e = assertThrows(TrmException.class,
                () -> new SettingsResolver(Map.of("TRM_HALTING", "sometimes")).resolve(Map.of(), null));
        assertEquals("bad value 'sometimes' for halting in environment variable TRM_HALTING: unknown halting policy "
                + "'sometimes'; expected fixed, act or converged", e.getMessage());

        e = assertThrows(TrmException.class,
                () -> new SettingsResolver(Map.of()).resolve(Map.of(Setting.SERVE_PORT, "70000"), null));
        assertEquals("bad value '70000' for serve.port in --port: must be in 0..65535", e.getMessage());
    }

    @Test
    void everySourceIsCheckedEvenWhenOverridden() throws Exception {
        Path f = file("threads=0\n");
        assertThrows(TrmException.class,
                () -> new SettingsResolver(Map.of()).resolve(Map.of(Setting.THREADS, "2"), f));
    }

    @Test
    void fileProblems() throws Exception {
        Path dup = file("threads=1\nthreads=2\n");
        TrmException e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), dup));
        assertEquals("key 'threads' given twice in " + dup + " (" + dup + " line 1 and line 2)", e.getMessage());
        Path missing = tmp.resolve("nope.properties");
        e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), missing));
        assertEquals("config file " + missing + " does not exist", e.getMessage());
        Path noEq = file("threads 2\n");
        e = assertThrows(TrmException.class, () -> new SettingsResolver(Map.of()).resolve(Map.of(), noEq));
        assertEquals("expected key=value in " + noEq + " line 1, got 'threads 2'", e.getMessage());
    }

    @Test
    void envNamesDeriveFromKeys() {
        assertEquals("TRM_SERVE_MAX_WAIT_MS", Setting.SERVE_MAX_WAIT_MS.envName());
        assertEquals("TRM_MAX_STEPS", Setting.MAX_STEPS.envName());
        assertEquals(1, Suggestions.levenshtein("max_step", "max_steps"));
        assertEquals(3, Suggestions.levenshtein("kitten", "sitting"));
    }
}
