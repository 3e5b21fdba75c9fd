package io.trm4j.heads.sequence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.HaltReason;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.RowResult;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.trm4j.heads.sequence.SequenceParserTest.assertRejects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceHeadTest {
    // Token rows written by export-scripts/trm/sequence.py (one hex digit per token, vocab 16):
    //   tok, lab = sq.encode(terms, k); ''.join('%x' % v for v in tok)
    // sq.encode([2, 4, 8, 16, 32], 1)
    static final String POW_TOKENS = "0".repeat(64)
            + "24444446244444482444444c2444445a11111111eeeeeeeeeeeeeeee";
    static final String POW_LABELS = "0".repeat(64)
            + "24444446244444482444444c2444445a24444476eeeeeeeeeeeeeeee";
    // sq.encode([-5, 0, 7, 1, 2, 3], 3)
    static final String NEG_TOKENS = "0".repeat(72)
            + "34444449244444442444444b111111111111111111111111";
    static final String NEG_LABELS = "0".repeat(72)
            + "34444449244444442444444b244444452444444624444447";
    // sq.encode([999999, -999999, 1, -1, 0, 10, 100, 1000, 10000, 100000, 123456, -654321, 5, 6], 2)
    static final String FULL_TOKENS = "24dddddd34dddddd24444445344444452444444424444454244445442444544424454444245444442456789a34a98765"
            + "1111111111111111eeeeeeee";
    static final String FULL_LABELS = "24dddddd34dddddd24444445344444452444444424444454244445442444544424454444245444442456789a34a98765"
            + "244444492444444aeeeeeeee";

    private final SequenceHead head = new SequenceHead();

    static ModelInfo model() {
        return new ModelInfo("seq-test", "sequence", "", "attention", 1, List.of(), 120, 136, 16, 16, 16, Map.of(), "test");
    }

    @Test
    void tokenizesExactlyAsThePythonEncoder() {
        assertEquals(POW_TOKENS, hex(encode("2, 4, 8, 16, ?")));
        assertEquals(NEG_TOKENS, hex(encode("-5, 0, 7, ?, ?, ?")));
        assertEquals(FULL_TOKENS, hex(encode("999999 -999999 1 -1 0 10 100 1000 10000 100000 123456 -654321 ? ?")));
        assertEquals(NEG_TOKENS, hex(encode("{\"terms\": [-5, 0, 7], \"k\": 3}")));
        EncodedBatch enc = head.encode(head.parse("1 2 3"), model());
        assertEquals(1, enc.rows());
        assertEquals(0L, enc.puzzleIds()[0]);
        assertEquals(120, enc.tokens()[0].length);
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
        assertEquals("+0000032", p.terms().get(0).tokens());
    }

    @Test
    void readsNegativeAndLargestAnswers() {
        int[] row = unhex(NEG_LABELS);
        write(row, 12, "3ddddddd"); // -9999999: the largest magnitude 7 digits hold
        assertEquals(-9999999L, SequenceTokens.decodeAnswer(row, 0).value());
        write(row, 13, "34444444"); // "-0000000" reads 0, as trm/sequence.py decode_slot does
        assertEquals(0L, SequenceTokens.decodeAnswer(row, 1).value());
    }

    @Test
    void aSlotThatIsNotATermIsReportedNeverGuessed() {
        int[] row = unhex(NEG_LABELS);
        write(row, 12, "24414445");            // answer 1: a '?' (token 1) at digit 3
        write(row, 13, "e4444446");            // answer 2: '_' where the sign belongs
        SequencePrediction p = head.decode(head.parse("-5, 0, 7, ?, ?, ?"), null, List.of(result(row)), model());
        assertFalse(p.allValid());
        PredictedTerm first = p.terms().get(0);
        assertFalse(first.valid());
        assertEquals("+00?0001", first.tokens());
        assertEquals("answer 1 is not a number: the model wrote '+00?0001' (answer1.digit3 is '?', not a digit)",
                first.problem());
        assertEquals("answer 2 is not a number: the model wrote '_0000002' (answer2.sign is '_', not + or -)",
                p.terms().get(1).problem());
        assertEquals(3L, p.terms().get(2).value());
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.UNSOLVED, v.status());
        assertEquals(first.problem(), v.detail());
        assertEquals("?, ?, 3", head.render(p, RenderStyle.COMPACT));
        assertEquals("-5, 0, 7 -> ?, ?, 3  (answer 1 is not a number: '+00?0001'; answer 2 is not a number: '_0000002')",
                head.render(p, RenderStyle.PLAIN));
        assertFalse(head.matchesExpected(p.input(), p, "1, 2, 3"));
        // a sign where a digit belongs, and a pad token
        write(row, 12, "24424440");
        PredictedTerm signInDigits = SequenceTokens.decodeAnswer(row, 0);
        assertEquals("answer 1 is not a number: the model wrote '+00+000.' (answer1.digit3 is '+', not a digit)",
                signInDigits.problem());
        write(row, 12, "66666666");
        assertEquals("answer 1 is not a number: the model wrote '22222222' (answer1.sign is the digit 2, not + or -)",
                SequenceTokens.decodeAnswer(row, 0).problem());
        write(row, 12, "24444440");
        assertTrue(SequenceTokens.decodeAnswer(row, 0).problem().endsWith("(answer1.digit7 is pad, not a digit)"));
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
        assertEquals("2, 4, 8, 16 -> 32", head.render(p, RenderStyle.PLAIN));
        assertEquals("32", head.render(p, RenderStyle.COMPACT));
        assertEquals("2, 4, 8, 16 -> \u001b[1;32m32\u001b[0m", head.render(p, RenderStyle.ANSI));
        SequencePrediction three = decode("-5, 0, 7, ?, ?, ?", NEG_LABELS);
        assertEquals("-5, 0, 7 -> 1, 2, 3", head.render(three, RenderStyle.PLAIN));
        assertEquals("1, 2, 3", head.render(three, RenderStyle.COMPACT));
        // the compact form reads back as expected terms
        assertEquals(List.of(1L, 2L, 3L), SequenceParser.parseExpected(head.render(three, RenderStyle.COMPACT)));
    }

    @Test
    void namesPositionsBySlotSignAndDigit() {
        assertEquals("given1.sign", head.positionName(0, model()));
        assertEquals("given12.digit7", head.positionName(95, model()));
        assertEquals("answer1.sign", head.positionName(96, model()));
        assertEquals("answer1.digit3", head.positionName(99, model()));
        assertEquals("answer3.digit7", head.positionName(119, model()));
        assertEquals("120", head.positionName(120, model()));
    }

    @Test
    void refusesModelsOfAnotherShape() {
        ModelInfo sudoku = new ModelInfo("s", "sudoku", "", "attention", 1, List.of(), 81, 97, 16, 11, 16, Map.of(), "t");
        assertRejects(() -> head.encode(head.parse("1 2 3"), sudoku),
                "model 's' is not a sequence model: it has seq_len 81 and vocab_size 11 (a sequence model has 120 and 16)");
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

    private SequencePrediction decode(String text, String predictedHex) {
        return decode(head.parse(text), predictedHex);
    }

    private SequencePrediction decode(SequenceInput input, String predictedHex) {
        return head.decode(input, head.encode(input, model()), List.of(result(unhex(predictedHex))), model());
    }

    private static RowResult result(int[] argmax) {
        return new RowResult(new float[argmax.length * 16], argmax, 0.75f, 5, HaltReason.MAX_STEPS, List.of());
    }

    private static List<Long> values(SequencePrediction p) {
        return p.terms().stream().map(PredictedTerm::value).toList();
    }

    static String hex(long[] row) {
        StringBuilder sb = new StringBuilder();
        for (long t : row) {
            sb.append(Long.toHexString(t));
        }
        return sb.toString();
    }

    static int[] unhex(String s) {
        int[] out = new int[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Character.digit(s.charAt(i), 16);
        }
        return out;
    }

    /** Writes hex tokens at the start of slot {@code slot}. */
    private static void write(int[] row, int slot, String hexTokens) {
        int[] t = unhex(hexTokens);
        System.arraycopy(t, 0, row, slot * 8, t.length);
    }
}
