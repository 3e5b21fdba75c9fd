package io.trm4j.core;

import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {
    private final Manifest manifest = ModelLoader.load(Fixtures.dir(Fixtures.ATTN)).manifest();

    @Test
    void defaultsComeFromTheManifest() {
        LoopSettings s = Options.defaults().resolve(manifest);
        assertEquals(manifest.maxSteps(), s.maxSteps());
        assertEquals(HaltingPolicy.Kind.FIXED, s.halting().kind());
        assertEquals(manifest.halting().convergePatience(), s.halting().patience());
        assertFalse(s.trace());
        assertEquals(Provider.CPU, Options.defaults().provider());
        assertNull(Options.defaults().head());
    }

    @Test
    void settersReturnCopies() {
        Options base = Options.defaults();
        Options o = base.maxSteps(4).halting(HaltingPolicy.Kind.CONVERGED, 3).trace(true).provider(Provider.AUTO)
                .threads(2).head("tokens");
        assertNull(base.maxSteps());
        LoopSettings s = o.resolve(manifest);
        assertEquals(4, s.maxSteps());
        assertEquals(new HaltingPolicy(HaltingPolicy.Kind.CONVERGED, 3), s.halting());
        assertTrue(s.trace());
        assertEquals(2, o.sessionSettings().intraOpThreads());
        assertEquals(Provider.AUTO, o.sessionSettings().provider());
    }

    @Test
    void validates() {
        assertThrows(TrmException.class, () -> Options.defaults().maxSteps(0));
        TrmException e = assertThrows(TrmException.class, () -> Options.defaults().maxSteps(1025));
        assertEquals("max steps must be in 1..1024, got 1025", e.getMessage());
        assertThrows(TrmException.class, () -> Options.defaults().threads(0));
        assertThrows(TrmException.class, () -> Options.defaults().patience(0));
        assertThrows(TrmException.class, () -> Options.defaults().head(" "));
        assertThrows(NullPointerException.class, () -> Options.defaults().provider(null));
        e = assertThrows(TrmException.class, () -> Options.defaults().sharedRows(0));
        assertEquals("shared rows must be in 1..65536, got 0", e.getMessage());
        assertEquals(Options.DEFAULT_SHARED_ROWS, Options.defaults().sharedRows());
        assertEquals(8, Options.defaults().sharedRows(8).maxSteps(3).sharedRows(), "kept by other setters");
    }

    @Test
    void providerParses() {
        assertEquals(Provider.CUDA, Provider.parse("cuda"));
        TrmException e = assertThrows(TrmException.class, () -> Provider.parse("tpu"));
        assertTrue(e.getMessage().contains("cpu, cuda or auto"));
    }
}
