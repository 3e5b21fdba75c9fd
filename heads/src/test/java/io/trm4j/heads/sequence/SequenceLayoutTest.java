package io.trm4j.heads.sequence;

import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static io.trm4j.heads.sequence.SequenceHeadTest.ints;
import static io.trm4j.heads.sequence.SequenceHeadTest.pad;
import static io.trm4j.heads.sequence.SequenceParserTest.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A model of the layout with difference levels ({@code trm/sequence_diffs.py}). */
class SequenceLayoutTest {
    // Rows written by export-scripts/trm/sequence_diffs.py: tok, lab = sequence_diffs.encode(terms, k), one
    // pad(n, rest) per level. sequence_diffs.encode([2, 4, 8, 16, 32], 1):
    static final long[] POW_TOKENS = levels(SequenceHeadTest.POW_TOKENS,
            pad(81, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,14,17,23,39,48,59,72,89,108,123,124,125,126,127,128,129,130,131,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"),
            pad(90, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,132,133,134,135,136,137,138,139,140,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
    static final long[] POW_LABELS = levels(SequenceHeadTest.POW_LABELS,
            pad(81, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,14,17,23,39,48,59,72,89,108,12,18,23,38,45,54,80,97,116,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"),
            pad(90, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,14,17,23,39,48,59,72,89,108,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"));
    // sequence_diffs.encode([-5, 0, 7, 1, 2, 3], 3): the second differences of three terms are one
    static final long[] NEG_TOKENS = levels(SequenceHeadTest.NEG_TOKENS,
            pad(90, "11,21,28,36,45,56,69,86,105,13,16,30,38,47,58,71,88,107,123,124,125,126,127,128,129,130,131,123,124,125,126,127,128,129,130,131,123,124,125,126,127,128,129,130,131"),
            pad(99, "13,18,25,33,42,53,66,83,102,132,133,134,135,136,137,138,139,140,132,133,134,135,136,137,138,139,140,132,133,134,135,136,137,138,139,140"));

    private final SequenceHead head = new SequenceHead();

    static ModelInfo model() {
        return new ModelInfo("seq-diffs", "sequence", "", "mlp_cols", 1, List.of(), 405, 405, 16, 141, 16, Map.of(), "test");
    }

    @Test
    void tokenizesExactlyAsThePythonEncoder() {
        assertArrayEquals(POW_TOKENS, encode("2, 4, 8, 16, ?"));
        assertArrayEquals(NEG_TOKENS, encode("-5, 0, 7, ?, ?, ?"));
    }

    @Test
    void readsTheAnswerFromTheTermsLevel() {
        SequenceInput input = head.parse("2, 4, 8, 16, ?");
        RowResult labels = new RowResult(new float[POW_LABELS.length * 141], ints(POW_LABELS), 0.5f, 1, HaltReason.MAX_STEPS, List.of());
        SequencePrediction p = head.decode(input, head.encode(input, model()), List.of(labels), model());
        assertEquals(List.of(32L), p.terms().stream().map(PredictedTerm::value).toList());
    }

    @Test
    void correctsAnAnswerFromTheDistributionsWithItsOwnVocabulary() {
        // The written residue mod 23 is off; the logits rank the right one second, so the reader
        // must index the 141-token rows (a 123-token stride would read other positions).
        int[] written = ints(POW_LABELS);
        int mod23 = 12 * SequenceTokens.CHANNELS + 8;
        written[mod23] += 1;
        float[] logits = new float[written.length * 141];
        for (int i = 0; i < written.length; i++) {
            logits[i * 141 + written[i]] = 5f;
        }
        logits[mod23 * 141 + (int) POW_LABELS[mod23]] = 4f;
        SequenceInput input = head.parse("2, 4, 8, 16, ?");
        RowResult row = new RowResult(logits, written, 0.5f, 1, HaltReason.MAX_STEPS, List.of());
        assertEquals(32L, head.decode(input, head.encode(input, model()), List.of(row), model()).terms().get(0).value());
    }

    @Test
    void readsTheTermFromItsSecondDifferenceWhenTheTermsLevelIsUnsure() {
        // The terms' level is uniform (no answer); the second differences say 2 in every channel,
        // for both answers: with the terms before them known, that is 16 and then 25.
        SequenceInput input = head.parse("1, 4, 9, ?, ?");
        float[] logits = new float[405 * 141];
        for (int answer = 0; answer < 2; answer++) {
            for (int c = 0; c < SequenceTokens.CHANNELS; c++) {
                int position = 2 * SequenceTokens.LEVEL_LEN + (SequenceTokens.GIVEN_SLOTS + answer) * SequenceTokens.CHANNELS + c;
                logits[position * 141 + SequenceTokens.residueToken(c, 2 % SequenceTokens.modulus(c))] = 8f;
            }
        }
        RowResult row = new RowResult(logits, new int[405], 0.5f, 1, HaltReason.MAX_STEPS, List.of());
        SequencePrediction p = head.decode(input, head.encode(input, model()), List.of(row), model());
        assertEquals(List.of(16L, 25L), p.terms().stream().map(PredictedTerm::value).toList());
        // a model of the terms' layout has nothing but the uniform level: not a number
        RowResult terms = new RowResult(new float[135 * 123], new int[135], 0.5f, 1, HaltReason.MAX_STEPS, List.of());
        assertFalse(head.decode(input, head.encode(input, SequenceHeadTest.model()), List.of(terms), SequenceHeadTest.model())
                .terms().get(0).valid());
    }

    @Test
    void namesThePositionsOfEachLevel() {
        assertEquals("answer1.mod5", head.positionName(108, model()));
        assertEquals("d1.given1.mod5", head.positionName(135, model()));
        assertEquals("d2.answer3.mod23", head.positionName(404, model()));
        assertEquals("405", head.positionName(405, model()));
        assertEquals("?d1%5", SequenceTokens.tokenText(123));
        assertEquals("?d2%23", SequenceTokens.tokenText(140));
    }

    @Test
    void refusesAShapeThatIsNeitherLayout() {
        ModelInfo mixed = new ModelInfo("x", "sequence", "", "mlp_cols", 1, List.of(), 405, 405, 16, 123, 16, Map.of(), "t");
        assertRejects(() -> head.encode(head.parse("1 2 3"), mixed), "model 'x' is not a sequence model: it has seq_len 405 and "
                + "vocab_size 123 (a sequence model has seq_len 135 and vocab_size 123, or seq_len 405 and vocab_size 141)");
    }

    private long[] encode(String text) {
        return head.encode(head.parse(text), model()).tokens()[0];
    }

    private static long[] levels(long[]... rows) {
        return java.util.Arrays.stream(rows).flatMapToLong(LongStream::of).toArray();
    }
}
