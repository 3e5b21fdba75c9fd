package io.trm4j.heads.tokens;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.heads.Heads;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every result says which provider ran it, and an {@code auto} fallback says why, with no SLF4J binding needed. */
class ProviderInResultTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";

    @Test
    void cpuResultsSayCpuWithNoNote() {
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), Heads.TOKENS,
                LoadOptions.builder().threads(1).build())) {
            Reasoning<Tokens> one = r.reasonText(INPUT);
            assertEquals(ExecutionProvider.CPU, one.provider());
            assertEquals("", one.providerNote());
            List<Reasoning<Tokens>> all = r.reasonAll(List.of(one.answer(), one.answer()));
            all.forEach(res -> assertEquals(ExecutionProvider.CPU, res.provider()));
        }
    }

    @Test
    void anAutoFallbackIsInEveryResult() {
        // This build has the CPU onnxruntime jar, so auto always falls back here.
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.ATTN), Heads.TOKENS,
                LoadOptions.builder().threads(1).provider(ExecutionProvider.AUTO).build())) {
            assertTrue(r.providerNote().startsWith("provider auto fell back to CPU: CUDA execution provider "
                    + "unavailable"), r.providerNote());
            Reasoning<Tokens> res = r.reasonText(INPUT, ReasonOptions.builder().maxSteps(2).build());
            assertEquals(ExecutionProvider.CPU, res.provider());
            assertEquals(r.providerNote(), res.providerNote());
        }
    }
}
