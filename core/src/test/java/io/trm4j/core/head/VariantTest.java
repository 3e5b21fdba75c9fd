package io.trm4j.core.head;

import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VariantTest {
    /** 3 positions, 3 tokens: the variant reverses the positions and swaps tokens 1 and 2. */
    private static final Variant<String> REVERSED = new Variant<>("v", new int[] {2, 1, 0}, new int[] {0, 2, 1});

    @Test
    void mapsLogitsArgmaxAndTraceBackToTheOriginalFrame() {
        float[] logits = {
            0.0f, 0.1f, 0.2f,   // variant position 0
            1.0f, 1.1f, 1.2f,   // variant position 1
            2.0f, 2.1f, 2.2f};  // variant position 2
        RowResult row = new RowResult(logits, new int[] {1, 2, 0}, 0.7f, 5, HaltReason.CONVERGED,
                List.of(new StepRecord(1, new int[] {1, 1, 2}, 0.3f)));
        RowResult back = REVERSED.toOriginal(row);
        assertArrayEquals(new float[] {
            2.0f, 2.2f, 2.1f,   // original position 0 = variant position 2, tokens 1 and 2 swapped
            1.0f, 1.2f, 1.1f,
            0.0f, 0.2f, 0.1f}, back.logits());
        assertArrayEquals(new int[] {0, 1, 2}, back.argmax());
        assertArrayEquals(new int[] {1, 2, 2}, back.trace().get(0).prediction());
        assertEquals(0.7f, back.confidence());
        assertEquals(5, back.steps());
        assertEquals(HaltReason.CONVERGED, back.haltReason());
    }

    @Test
    void rejectsMapsThatAreNotPermutationsAndRowsOfAnotherShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Variant<>("v", new int[] {0, 0}, new int[] {0, 1}));
        assertTrue(e.getMessage().contains("sourcePosition is not a permutation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Variant<>("v", new int[] {0, 1}, new int[] {0, 2}));
        RowResult tooShort = new RowResult(new float[6], new int[2], 0f, 1, HaltReason.MAX_STEPS, List.of());
        assertThrows(IllegalArgumentException.class, () -> REVERSED.toOriginal(tooShort));
    }

    @Test
    void aPerPositionTokenMapAppliesAtItsOwnPosition() {
        // identity positions; position 0 swaps tokens 1 and 2, position 1 keeps them
        Variant<String> v = Variant.perPosition("v", new int[] {0, 1}, new int[][] {{0, 2, 1}, {0, 1, 2}});
        RowResult row = new RowResult(new float[] {0f, 0.1f, 0.2f, 1f, 1.1f, 1.2f}, new int[] {1, 1}, 0.5f, 1,
                HaltReason.MAX_STEPS, List.of());
        RowResult back = v.toOriginal(row);
        assertArrayEquals(new int[] {2, 1}, back.argmax());
        assertArrayEquals(new float[] {0f, 0.2f, 0.1f, 1f, 1.1f, 1.2f}, back.logits());
        IllegalArgumentException sizes = assertThrows(IllegalArgumentException.class,
                () -> Variant.perPosition("v", new int[] {0, 1}, new int[][] {{0, 1, 2}, {0, 1}}));
        assertTrue(sizes.getMessage().contains("tokenBackAt[1] maps 2 tokens"), sizes.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Variant.perPosition("v", new int[] {0, 1}, new int[][] {{0, 1}}));
    }
}
