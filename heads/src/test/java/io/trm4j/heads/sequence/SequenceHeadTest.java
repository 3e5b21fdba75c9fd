package io.trm4j.heads.sequence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.trm4j.heads.sequence.SequenceParserTest.assertRejects;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceHeadTest {
    // Token rows written by export-scripts/trm/sequence_rns.py (pad(n, rest): n pad tokens, then rest):
    //   tok, lab = rns.encode(terms, k); ','.join(map(str, tok))
    // rns.encode([2, 4, 8, 16, 32], 1)
    static final long[] POW_TOKENS = pad(72, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,14,17,23,39,48,59,72,89,108,12,18,23,38,45,54,80,97,116,2,3,4,5,6,7,8,9,10,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
    static final long[] POW_LABELS = pad(72, "13,18,25,33,42,53,66,83,102,15,20,27,35,44,55,68,85,104,14,17,23,39,48,59,72,89,108,12,18,23,38,45,54,80,97,116,13,20,23,36,50,57,79,94,109,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1");
    // rns.encode([-5, 0, 7, 1, 2, 3], 3)
    static final long[] NEG_TOKENS = pad(81, "11,18,26,35,46,59,76,95,118,11,16,23,31,40,51,64,81,100,13,16,30,38,47,58,71,88,107,2,3,4,5,6,7,8,9,10,2,3,4,5,6,7,8,9,10,2,3,4,5,6,7,8,9,10");
    static final long[] NEG_LABELS = pad(81, "11,18,26,35,46,59,76,95,118,11,16,23,31,40,51,64,81,100,13,16,30,38,47,58,71,88,107,12,17,24,32,41,52,65,82,101,13,18,25,33,42,53,66,83,102,14,19,26,34,43,54,67,84,103");
    // rns.encode([999999, -999999, 1, -1, 0, 10, 100, 1000, 10000, 100000, 123456, -654321, 5, 6], 2)
    static final long[] FULL_TOKENS = pad(0, "15,16,30,31,40,51,72,91,105,12,16,24,31,40,51,73,90,118,12,17,24,32,41,52,65,82,101,15,22,30,39,50,63,80,99,122,11,16,23,31,40,51,64,81,100,11,19,25,32,50,61,74,91,110,11,18,27,32,41,60,79,86,108,11,22,23,32,50,63,78,93,111,11,20,23,32,41,54,68,87,118,11,21,23,32,50,55,70,84,119,12,20,23,34,43,59,66,94,115,15,20,30,37,43,59,73,82,106,2,3,4,5,6,7,8,9,10,2,3,4,5,6,7,8,9,10,1,1,1,1,1,1,1,1,1");
    static final long[] FULL_LABELS = pad(0, "15,16,30,31,40,51,72,91,105,12,16,24,31,40,51,73,90,118,12,17,24,32,41,52,65,82,101,15,22,30,39,50,63,80,99,122,11,16,23,31,40,51,64,81,100,11,19,25,32,50,61,74,91,110,11,18,27,32,41,60,79,86,108,11,22,23,32,50,63,78,93,111,11,20,23,32,41,54,68,87,118,11,21,23,32,50,55,70,84,119,12,20,23,34,43,59,66,94,115,15,20,30,37,43,59,73,82,106,11,21,28,36,45,56,69,86,105,12,22,29,37,46,57,70,87,106,1,1,1,1,1,1,1,1,1");
    // the residue tokens of single terms: [int(v) % m + o for m, o in zip(rns.MODULI, rns._OFF)]
    static final String MINUS_9999999 = "12,21,24,31,42,55,77,86,110";
    static final String ZERO = "11,16,23,31,40,51,64,81,100";
    static final String TEN_MILLION = "11,19,23,32,50,61,69,96,114";

    private final SequenceHead head = new SequenceHead();

    static ModelInfo model() {
        return new ModelInfo("seq-test", "sequence", "", "attention", 1, List.of(), 135, 151, 16, 123, 16, Map.of(), "test");
    }

    @Test
    void tokenizesExactlyAsThePythonEncoder() {
        assertArrayEquals(POW_TOKENS, encode("2, 4, 8, 16, ?"));
        assertArrayEquals(NEG_TOKENS, encode("-5, 0, 7, ?, ?, ?"));
        assertArrayEquals(FULL_TOKENS, encode("999999 -999999 1 -1 0 10 100 1000 10000 100000 123456 -654321 ? ?"));
        assertArrayEquals(NEG_TOKENS, encode("{\"terms\": [-5, 0, 7], \"k\": 3}"));
        EncodedBatch enc = head.encode(head.parse("1 2 3"), model());
        assertEquals(1, enc.rows());
        assertEquals(0L, enc.puzzleIds()[0]);
        assertEquals(135, enc.tokens()[0].length);
    }

    @Test
    void holdsOutThreeTermsInTheSameBatchUnlessTheModelAnswersAlone() {
        SequenceInput twelve = head.parse("1 2 3 4 5 6 7 8 9 10 11 12");
        EncodedBatch all = head.encode(twelve, model());
        assertEquals(1 + LeaveOneOut.MODEL_HELD, all.rows());
        assertArrayEquals(encode("1 2 3 4 5 6 7 8 9 10 11"), all.tokens()[1]);
        assertArrayEquals(encode("1 2 3 4 5 6 7 8 9"), all.tokens()[3]);
        assertEquals(3, head.encode(head.parse("1 2 3 4 5 6"), model()).rows()); // 2 held out, from 5 and 4 terms
        assertEquals(1, head.encode(twelve.withModelOnly(), model()).rows());
    }

    @Test
    void decodesThePythonLabelsBack() {
        assertEquals(List.of(32L), values(decode("2, 4, 8, 16, ?", POW_LABELS)));
        assertEquals(List.of(1L, 2L, 3L), values(decode("-5, 0, 7, ?, ?, ?", NEG_LABELS)));
        assertEquals(List.of(5L, 6L), values(decode("999999 -999999 1 -1 0 10 100 1000 10000 100000 123456 -654321 ? ?",
                FULL_LABELS)));
        SequencePrediction p = decode("2, 4, 8, 16, ?", POW_LABELS);
        assertEquals(0.75f, p.confidence());
        assertEquals(5, p.steps());
        assertEquals("2%5 4%7 0%8 5%9 10%11 6%13 15%17 13%19 9%23", p.terms().get(0).tokens());
    }

    @Test
    void readsNegativeAndLargestAnswers() {
        int[] row = ints(NEG_LABELS);
        write(row, 12, MINUS_9999999); // the largest magnitude an answer may have
        assertEquals(-9999999L, SequenceTokens.decodeAnswer(row, 0).value());
        write(row, 13, ZERO);
        assertEquals(0L, SequenceTokens.decodeAnswer(row, 1).value());
    }

    @Test
    void aSlotThatIsNotATermIsReportedNeverGuessed() {
        int[] row = ints(NEG_LABELS);
        write(row, 12, "12,17,2,32,41,52,65,82,101"); // answer 1: the '?' of mod 5 where the residue mod 8 belongs
        write(row, 13, "13,18,25,33,42,53,66,83,11"); // answer 2: the residue 0 mod 5 where the one mod 23 belongs
        SequencePrediction p = head.decode(head.parse("-5, 0, 7, ?, ?, ?"), null, List.of(result(row)), model());
        assertFalse(p.allValid());
        PredictedTerm first = p.terms().get(0);
        assertFalse(first.valid());
        assertEquals("1%5 1%7 ?%5 1%9 1%11 1%13 1%17 1%19 1%23", first.tokens());
        assertEquals("answer 1 is not a number: the model wrote '1%5 1%7 ?%5 1%9 1%11 1%13 1%17 1%19 1%23' (answer1.mod8 is"
                + " '?%5', not a residue mod 8)", first.problem());
        assertEquals("answer 2 is not a number: the model wrote '2%5 2%7 2%8 2%9 2%11 2%13 2%17 2%19 0%5' (answer2.mod23 is"
                + " '0%5', not a residue mod 23)", p.terms().get(1).problem());
        assertEquals(3L, p.terms().get(2).value());
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.UNSOLVED, v.status());
        assertEquals(first.problem(), v.detail());
        assertEquals("?, ?, 3", head.render(p, RenderStyle.COMPACT));
        assertEquals("-5, 0, 7 -> ?, ?, 3  (answers 1, 2: the model gave no consistent integer)",
                head.render(p, RenderStyle.PLAIN));
        assertFalse(head.matchesExpected(p.input(), p, "1, 2, 3"));
        write(row, 12, "12,17,24,32,41,52,65,82,0");
        assertTrue(SequenceTokens.decodeAnswer(row, 0).problem().endsWith("(answer1.mod23 is pad, not a residue mod 23)"));
    }

    @Test
    void residuesThatDisagreeAreNotANumber() {
        int[] row = ints(POW_LABELS);
        write(row, 12, TEN_MILLION); // valid residues, but of 10^7: out of range
        PredictedTerm tooLarge = SequenceTokens.decodeAnswer(row, 0);
        assertFalse(tooLarge.valid());
        assertEquals("answer 1 is not a number: the residues the model wrote ('0%5 3%7 0%8 1%9 10%11 10%13 5%17 15%19 14%23')"
                + " disagree (they name no term with |a| < 10000000)", tooLarge.problem());
        write(row, 12, "13,20,23,36,50,57,79,94,110"); // 32 with one residue off by one (10 mod 23, not 9)
        assertFalse(SequenceTokens.decodeAnswer(row, 0).valid());
    }

    @Test
    void verifiesOnlyAgainstExpectedTerms() {
        SequencePrediction p = decode("2, 4, 8, 16, ?", POW_LABELS);
        Verdict none = head.verify(p.input(), p);
        assertEquals(Verdict.Status.UNVERIFIED, none.status());
        SequenceInput right = head.parse("{\"terms\": [2, 4, 8, 16], \"expected\": 32}");
        assertEquals(Verdict.solved(), head.verify(right, decode(right, POW_LABELS)));
        SequenceInput wrong = head.parse("{\"terms\": [2, 4, 8, 16], \"expected\": [33]}");
        assertEquals(Verdict.unsolved("answer 1 is 32, expected 33"), head.verify(wrong, decode(wrong, POW_LABELS)));
        assertTrue(head.matchesExpected(p.input(), p, "32"));
        assertTrue(head.matchesExpected(p.input(), p, " 32\n"));
        assertFalse(head.matchesExpected(p.input(), p, "-32"));
        SequencePrediction three = decode("-5, 0, 7, ?, ?, ?", NEG_LABELS);
        assertTrue(head.matchesExpected(three.input(), three, "1, 2, 3"));
        assertTrue(head.matchesExpected(three.input(), three, "1"));
        assertFalse(head.matchesExpected(three.input(), three, "1, 2, 4"));
    }

    @Test
    void rendersTheSequenceAndItsContinuation() {
        SequencePrediction p = decode("2, 4, 8, 16, ?", POW_LABELS);
        String rule = "  (model+baseline, rule: linear recurrence of order 1; too few terms to check it)";
        assertEquals("2, 4, 8, 16 -> 32" + rule, head.render(p, RenderStyle.PLAIN));
        assertEquals("32", head.render(p, RenderStyle.COMPACT));
        assertEquals("2, 4, 8, 16 -> \u001b[1;32m32\u001b[0m" + rule, head.render(p, RenderStyle.ANSI));
        SequencePrediction three = decode("-5, 0, 7, ?, ?, ?", NEG_LABELS);
        assertEquals("-5, 0, 7 -> 1, 2, 3", head.render(three, RenderStyle.PLAIN));
        assertEquals("1, 2, 3", head.render(three, RenderStyle.COMPACT));
        // the compact form reads back as expected terms
        assertEquals(List.of(1L, 2L, 3L), SequenceParser.parseExpected(head.render(three, RenderStyle.COMPACT)));
    }

    @Test
    void namesPositionsBySlotAndModulus() {
        assertEquals("given1.mod5", head.positionName(0, model()));
        assertEquals("given12.mod23", head.positionName(107, model()));
        assertEquals("answer1.mod5", head.positionName(108, model()));
        assertEquals("answer1.mod9", head.positionName(111, model()));
        assertEquals("answer3.mod23", head.positionName(134, model()));
        assertEquals("135", head.positionName(135, model()));
    }

    @Test
    void refusesModelsOfAnotherShape() {
        ModelInfo sudoku = new ModelInfo("s", "sudoku", "", "attention", 1, List.of(), 81, 97, 16, 11, 16, Map.of(), "t");
        assertRejects(() -> head.encode(head.parse("1 2 3"), sudoku),
                "model 's' is not a sequence model: it has seq_len 81 and vocab_size 11 (a sequence model has seq_len 135 and vocab_size 123, or seq_len 405 and vocab_size 141)");
    }

    @Test
    void turnsAJsonLineIntoAnEvalCase() throws Exception {
        ObjectMapper json = new ObjectMapper();
        EvalCase c = head.evalCase(json.readTree("{\"terms\": [3, 5, 7, 9, 11], \"family\": \"arithmetic\"}"), "f:1", "g");
        assertEquals(new EvalCase("f:1", "3, 5, 7, 9", "11", "g"), c);
        // longer than 13 terms: the first 12 are the input, the 13th the answer
        EvalCase longer = head.evalCase(json.readTree("{\"terms\": [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}"), "f:2", "g");
        assertEquals("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12", longer.input());
        assertEquals("13", longer.expected());
        assertRejects(() -> head.evalCase(json.readTree("{\"terms\": [1, 2, 3]}"), "f", "g"), "too few terms: 3, at least 4");
        assertRejects(() -> head.evalCase(json.readTree("{\"terms\": [1, 2, 3, 10000000]}"), "f", "g"),
                "the term to predict (term 4, 10000000) is out of range");
        assertRejects(() -> head.evalCase(json.readTree("{\"terms\": [1, 2, \"x\", 4]}"), "f", "g"), "term 3 (\"x\") is not an integer");
        assertRejects(() -> head.evalCase(json.readTree("{\"id\": \"A1\"}"), "f", "g"), "needs \"terms\"");
    }

    @Test
    void isFoundByServiceLoader() {
        HeadRegistry heads = HeadRegistry.discover();
        assertTrue(heads.names().contains("sequence"), heads.names().toString());
        assertEquals(SequenceHead.class, heads.get("sequence").getClass());
    }

    private long[] encode(String text) {
        return head.encode(head.parse(text), model()).tokens()[0];
    }

    private SequencePrediction decode(String text, long[] predicted) {
        return decode(head.parse(text), predicted);
    }

    private SequencePrediction decode(SequenceInput input, long[] predicted) {
        return head.decode(input, head.encode(input, model()), List.of(result(ints(predicted))), model());
    }

    private static RowResult result(int[] argmax) {
        return new RowResult(new float[argmax.length * SequenceTokens.VOCAB], argmax, 0.75f, 5, HaltReason.MAX_STEPS, List.of());
    }

    private static List<Long> values(SequencePrediction p) {
        return p.terms().stream().map(PredictedTerm::value).toList();
    }

    /** {@code n} pad tokens, then the comma-separated tokens of {@code rest}. */
    static long[] pad(int n, String rest) {
        long[] tail = Arrays.stream(rest.split(",")).mapToLong(Long::parseLong).toArray();
        long[] row = new long[n + tail.length];
        System.arraycopy(tail, 0, row, n, tail.length);
        return row;
    }

    static int[] ints(long[] row) {
        return Arrays.stream(row).mapToInt(Math::toIntExact).toArray();
    }

    /** Writes comma-separated tokens at the start of slot {@code slot}. */
    private static void write(int[] row, int slot, String tokens) {
        int[] t = ints(pad(0, tokens));
        System.arraycopy(t, 0, row, slot * SequenceTokens.CHANNELS, t.length);
    }
}
