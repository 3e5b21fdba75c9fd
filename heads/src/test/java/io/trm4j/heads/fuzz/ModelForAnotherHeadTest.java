package io.trm4j.heads.fuzz;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, bad models: a model for another head fails when it is loaded (TaskHead.checkModel, called
 * by Trm.load), with one clear error, instead of at the first puzzle.
 */
class ModelForAnotherHeadTest {
    private static final LoadOptions ONE_THREAD = LoadOptions.builder().threads(1).build();

    @Test
    void aModelForAnotherHeadFailsAtLoad() {
        // tiny-attn: seq_len 16, vocab_size 8 (could be a 4x4 maze); tiny-sequence: 135 and 123
        for (String[] c : new String[][] {{Fixtures.ATTN, "sudoku", "not a Sudoku model"},
                {Fixtures.ATTN, "sequence", "not a sequence model"}, {Fixtures.SEQUENCE, "maze", "not a maze model"}}) {
            String dir = Fixtures.dir(c[0]).toString();
            TrmException e = assertThrows(TrmException.class, () -> Trm.load(dir, ONE_THREAD.toBuilder().head(c[1]).build(), Trm.heads()));
            assertFalse(e instanceof InvalidInputException, "a model error, not an input error");
            assertTrue(e.getMessage().contains("manifest.json: the " + c[1] + " head cannot use this model: ")
                    && e.getMessage().contains(c[2]), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aSequenceModelLoadsForItsHeadOnly() {
        String dir = Fixtures.dir(Fixtures.SEQUENCE).toString();
        try (Reasoner<Object, Object> r = Trm.load(dir, ONE_THREAD, Trm.heads())) {
            assertEquals("sequence", r.head().name());
        }
        TrmException e = assertThrows(TrmException.class, () -> Trm.load(dir, ONE_THREAD.toBuilder().head("sudoku").build(), Trm.heads()));
        assertTrue(e.getMessage().contains("not a Sudoku model"), e.getMessage());
    }
}
