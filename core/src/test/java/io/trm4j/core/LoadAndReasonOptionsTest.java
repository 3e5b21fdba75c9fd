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

class LoadAndReasonOptionsTest {
    private final Manifest manifest = ModelLoader.load(Fixtures.dir(Fixtures.ATTN)).manifest();

    @Test
    void defaultsComeFromTheManifest() {
        LoopSettings s = ReasonOptions.defaults().resolve(manifest);
        assertEquals(manifest.maxSteps(), s.maxSteps());
        assertEquals(HaltingPolicy.Kind.FIXED, s.halting().kind());
        assertEquals(manifest.halting().convergePatience(), s.halting().patience());
        assertFalse(s.trace());
        assertEquals(ExecutionProvider.CPU, LoadOptions.defaults().provider());
        assertNull(LoadOptions.defaults().head());
    }

    @Test
    void buildersLeaveTheBaseAlone() {
        ReasonOptions base = ReasonOptions.defaults();
        ReasonOptions o = base.toBuilder().maxSteps(4).halting(HaltingPolicy.Kind.CONVERGED, 3).trace(true).build();
        LoadOptions load = LoadOptions.builder().provider(ExecutionProvider.AUTO).threads(2).head("tokens").build();
        assertNull(base.maxSteps());
        LoopSettings s = o.resolve(manifest);
        assertEquals(4, s.maxSteps());
        assertEquals(new HaltingPolicy(HaltingPolicy.Kind.CONVERGED, 3), s.halting());
        assertTrue(s.trace());
        assertEquals(2, load.sessionSettings().intraOpThreads());
        assertEquals(ExecutionProvider.AUTO, load.sessionSettings().provider());
    }

    @Test
    void validates() {
        assertThrows(TrmException.class, () -> ReasonOptions.builder().maxSteps(0).build());
        TrmException e = assertThrows(TrmException.class, () -> ReasonOptions.builder().maxSteps(1025).build());
        assertEquals("max steps must be in 1..1024, got 1025", e.getMessage());
        assertThrows(TrmException.class, () -> LoadOptions.builder().threads(0).build());
        assertThrows(TrmException.class, () -> ReasonOptions.builder().patience(0).build());
        assertThrows(TrmException.class, () -> LoadOptions.builder().head(" ").build());
        assertThrows(NullPointerException.class, () -> LoadOptions.builder().provider(null));
        e = assertThrows(TrmException.class, () -> LoadOptions.builder().sharedRows(0).build());
        assertEquals("shared rows must be in 1..65536, got 0", e.getMessage());
        assertEquals(LoadOptions.DEFAULT_SHARED_ROWS, LoadOptions.defaults().sharedRows());
        assertEquals(8, LoadOptions.builder().sharedRows(8).threads(3).build().toBuilder().head("x").build()
                .sharedRows(), "kept by other setters");
    }

    @Test
    void providerParses() {
        assertEquals(ExecutionProvider.CUDA, ExecutionProvider.parse("cuda"));
        TrmException e = assertThrows(TrmException.class, () -> ExecutionProvider.parse("tpu"));
        assertTrue(e.getMessage().contains("cpu, cuda or auto"));
    }
}
