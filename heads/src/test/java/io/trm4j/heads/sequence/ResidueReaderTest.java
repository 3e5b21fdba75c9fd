package io.trm4j.heads.sequence;

import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.trm4j.heads.sequence.SequenceHeadTest.POW_LABELS;
import static io.trm4j.heads.sequence.SequenceHeadTest.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading an answer from the model's residue distributions when the residues it wrote disagree. */
class ResidueReaderTest {
    private static final int V = SequenceTokens.VOCAB;
    private static final int ANSWER1 = SequenceTokens.GIVEN_SLOTS * SequenceTokens.CHANNELS;
    /** The residue tokens of 32 (answer 1 of POW_LABELS), and the token of 10 mod 23 (32 has 9 mod 23). */
    private static final int[] THIRTY_TWO = {13, 20, 23, 36, 50, 57, 79, 94, 109};
    private static final int TEN_MOD_23 = 110;

    @Test
    void residuesThatNameATermAreTheAnswerAsWritten() {
        RowResult row = row(THIRTY_TWO, 8f);
        PredictedTerm t = ResidueReader.read(row, 0);
        assertEquals(32L, t.value());
        assertEquals("2%5 4%7 0%8 5%9 10%11 6%13 15%17 13%19 9%23", t.tokens());
    }

    @Test
    void oneWrongResidueIsReadFromTheModelsSecondChoice() {
        int[] written = THIRTY_TWO.clone();
        written[8] = TEN_MOD_23;                 // 10 mod 23: the nine residues name no term in range
        RowResult row = row(written, 8f);
        row.logits()[(ANSWER1 + 8) * V + 109] = 7f; // ... but 9 mod 23 is the model's close second choice
        assertFalse(SequenceTokens.decodeAnswer(row.argmax(), 0).valid());
        PredictedTerm t = ResidueReader.read(row, 0);
        assertTrue(t.valid(), t.problem());
        assertEquals(32L, t.value());
        assertEquals("2%5 4%7 0%8 5%9 10%11 6%13 15%17 13%19 9%23", t.tokens());
    }

    @Test
    void aTokenThatIsNoResidueIsReadFromItsChannelsResidues() {
        int[] written = THIRTY_TWO.clone();
        written[2] = SequenceTokens.FIRST_ASK;   // '?%5' where the residue mod 8 belongs
        RowResult row = row(written, 8f);
        row.logits()[(ANSWER1 + 2) * V + 23] = 5f; // 0 mod 8, the channel's most probable residue
        assertEquals(32L, ResidueReader.read(row, 0).value());
    }

    @Test
    void anImprobableReadingIsNotANumber() {
        int[] written = THIRTY_TWO.clone();
        written[8] = TEN_MOD_23;
        RowResult sure = row(written, 12f);        // every other residue has probability ~e^-12 < 1e-4
        PredictedTerm t = ResidueReader.read(sure, 0);
        assertFalse(t.valid());
        assertEquals("answer 1 is not a number: the residues the model wrote ('2%5 4%7 0%8 5%9 10%11 6%13 15%17 13%19 10%23')"
                + " disagree (they name no term with |a| < 10000000)", t.problem());
        // A model with no preference at all (uniform residues) is never read as some number.
        RowResult clueless = new RowResult(new float[SequenceTokens.SEQ_LEN * V], argmax(written), 0.5f, 2,
                HaltReason.MAX_STEPS, List.of());
        assertEquals(t.problem(), ResidueReader.read(clueless, 0).problem());
    }

    @Test
    void readsEachAnswerSlotOnItsOwn() {
        int[] labels = ints(POW_LABELS);
        RowResult row = row(THIRTY_TWO, 8f);
        assertEquals(32L, ResidueReader.read(row, 0).value());
        assertEquals(labels[ANSWER1 + 9], row.argmax()[ANSWER1 + 9]); // answer 2 is '_': not a number
        assertFalse(ResidueReader.read(row, 1).valid());
    }

    /** POW_LABELS with answer 1 written as {@code answer}, each written token at {@code logit}, the rest 0. */
    private static RowResult row(int[] answer, float logit) {
        int[] argmax = argmax(answer);
        float[] logits = new float[SequenceTokens.SEQ_LEN * V];
        for (int p = 0; p < argmax.length; p++) {
            logits[p * V + argmax[p]] = logit;
        }
        return new RowResult(logits, argmax, 0.9f, 2, HaltReason.MAX_STEPS, List.of());
    }

    private static int[] argmax(int[] answer) {
        int[] argmax = ints(POW_LABELS);
        System.arraycopy(answer, 0, argmax, ANSWER1, answer.length);
        return argmax;
    }
}
