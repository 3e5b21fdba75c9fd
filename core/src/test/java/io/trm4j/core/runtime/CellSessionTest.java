package io.trm4j.core.runtime;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellSessionTest {
    private static final SessionSettings CPU1 = new SessionSettings(ExecutionProvider.CPU, 1, false);

    @Test
    void graphThatDisagreesWithTheManifestFailsOnLoad() {
        Model good = ModelLoader.load(Fixtures.dir(Fixtures.ATTN));
        Manifest m = good.manifest();
        java.util.List<String> vocab = new java.util.ArrayList<>(m.vocab());
        vocab.add("extra");
        Manifest wrong = new Manifest(m.formatVersion(), m.name(), m.head(), m.description(), m.arch(), m.seqLen(),
                m.stateLen(), m.hiddenSize(), m.vocabSize() + 1, vocab, m.maxSteps(), m.halting(), m.cell(), m.init(),
                m.variants(), m.puzzleIds(), m.provenance());
        TrmException e = assertThrows(TrmException.class,
                () -> new CellSession(new Model(good.source(), wrong, good.init()), CPU1));
        assertTrue(e.getMessage().endsWith("cell.onnx: output 'logits' has shape [-1, 16, 8] but the manifest "
                + "implies [B, 16, 9] (seq_len/state_len/hidden_size/vocab_size)"), e.getMessage());
    }

    @Test
    void declaresPuzzleIdsWhenTheGraphHasThem() {
        try (CellSession cell = new CellSession(ModelLoader.load(Fixtures.dir(Fixtures.ATTN)), CPU1)) {
            assertEquals(new CellShape(16, 32, 32, 8), cell.shape());
            assertEquals(ExecutionProvider.CPU, cell.provider());
            assertTrue(cell.hasPuzzleIds());
        }
    }

    @Test
    void closingTwiceIsSafeAndUseAfterCloseFailsCleanly() {
        CellSession cell = new CellSession(ModelLoader.load(Fixtures.dir(Fixtures.ATTN)), CPU1);
        cell.close();
        assertDoesNotThrow(cell::close);
        TrmException e = assertThrows(TrmException.class, cell::step);
        assertEquals("cell session is closed", e.getMessage());
    }

    @Test
    void cudaFailsCleanlyWithTheCpuJar() {
        TrmException e = assertThrows(TrmException.class, () -> new CellSession(
                ModelLoader.load(Fixtures.dir(Fixtures.ATTN)), new SessionSettings(ExecutionProvider.CUDA, 1, false)));
        assertTrue(e.getMessage().startsWith("CUDA execution provider unavailable: this build uses the CPU "
                + "onnxruntime jar; rebuild with -Pcuda and install CUDA 12 + cuDNN 9 (cause: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void autoFallsBackToCpu() {
        try (CellSession cell = new CellSession(ModelLoader.load(Fixtures.dir(Fixtures.ATTN)),
                new SessionSettings(ExecutionProvider.AUTO, 1, false))) {
            assertEquals(ExecutionProvider.CPU, cell.provider());
            assertTrue(cell.providerNote().startsWith("provider auto fell back to CPU: CUDA execution provider "
                    + "unavailable: "), cell.providerNote());
        }
        try (CellSession cell = new CellSession(ModelLoader.load(Fixtures.dir(Fixtures.ATTN)), CPU1)) {
            assertEquals("", cell.providerNote());
        }
    }
}
