package io.trm4j.heads.sequence;

import io.trm4j.core.head.Variant;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceSymmetryTest {
    private static final SequenceInput SQUARES = SequenceInput.of(List.of(1L, 4L, 9L, 16L, 25L, 36L), 1);

    @Test
    void negationAndShiftAreTheEncodingOfTheMappedTerms() {
        for (SequenceLayout layout : SequenceLayout.values()) {
            for (boolean negate : new boolean[] {false, true}) {
                for (long shift : new long[] {0, 7, -3}) {
                    if (!negate && shift == 0) {
                        continue;
                    }
                    Variant<SequenceInput> v = SequenceSymmetry.of(SQUARES, layout, negate, shift);
                    long first = negate ? -1 + shift : 1 + shift;
                    assertEquals(first, v.input().terms().get(0));
                    assertEncodingMapsBack(SQUARES, v, layout);
                    // the leave-one-out rows: a prefix of the variant is the variant of the prefix
                    SequenceInput prefix = SequenceInput.of(SQUARES.terms().subList(0, 4), 1);
                    SequenceInput variantPrefix = SequenceInput.of(v.input().terms().subList(0, 4), 1);
                    assertEncodingMapsBack(prefix, new Variant<>(variantPrefix, v.sourcePosition(), v.tokenBackAt()), layout);
                }
            }
        }
    }

    private static void assertEncodingMapsBack(SequenceInput original, Variant<SequenceInput> v, SequenceLayout layout) {
        long[] want = SequenceTokens.encode(original, layout);
        long[] got = SequenceTokens.encode(v.input(), layout);
        int[][] back = v.tokenBackAt();
        for (int p = 0; p < want.length; p++) {
            assertEquals(want[p], back[p][(int) got[p]], "position " + SequenceTokens.positionName(p, layout));
        }
    }

    @Test
    void theVariantsAnswerMapsBackToTheOriginalsAnswer() {
        // The model "answers" the variant -(a) + 5 of 1, 4, ..., 36 with -(49) + 5 = -44; mapped back: 49.
        SequenceLayout layout = SequenceLayout.TERMS;
        Variant<SequenceInput> v = SequenceSymmetry.of(SQUARES, layout, true, 5);
        SequenceInput answered = new SequenceInput(v.input().terms(), 1, List.of(), false);
        long[] encoded = SequenceTokens.encode(answered, layout);
        int[] argmax = new int[encoded.length];
        for (int p = 0; p < argmax.length; p++) {
            argmax[p] = (int) encoded[p];
        }
        int at = SequenceTokens.GIVEN_SLOTS * SequenceTokens.CHANNELS;
        for (int c = 0; c < SequenceTokens.CHANNELS; c++) {
            argmax[at + c] = SequenceTokens.residueToken(c, Math.floorMod(-44, SequenceTokens.modulus(c)));
        }
        RowResult row = new RowResult(new float[argmax.length * layout.vocab()], argmax, 0.9f, 1, HaltReason.MAX_STEPS, List.of());
        PredictedTerm t = SequenceTokens.decodeAnswer(v.toOriginal(row).argmax(), 0);
        assertTrue(t.valid(), t.toString());
        assertEquals(49, t.value());
    }

    @Test
    void drawsOnlyVariantsThatStayInRange() {
        SequenceInput large = SequenceInput.of(List.of(999_990L, 999_991L, 999_992L, 999_993L, 999_994L), 1);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 50; i++) {
            Variant<SequenceInput> v = SequenceSymmetry.draw(large, SequenceLayout.TERMS_AND_DIFFERENCES, random);
            assertTrue(v.input().terms().stream().allMatch(t -> Math.abs(t) < SequenceInput.GIVEN_LIMIT), v.input().toString());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SequenceSymmetry.of(large, SequenceLayout.TERMS, false, 9));
        assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SequenceSymmetry.of(SQUARES, SequenceLayout.TERMS, false, 0));
    }
}
