package io.trm4j.heads.sequence;

import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportedChoiceTest {
    private final SupportedChoice choice = new SupportedChoice(new SequenceBaseline());
    private final SequenceHead head = new SequenceHead();

    private static List<PredictedTerm> model(long... values) {
        return java.util.Arrays.stream(values).mapToObj(v -> PredictedTerm.number(v, "model")).toList();
    }

    private SequencePrediction choose(String text, Verdict.Support modelSupport, long... modelValues) {
        return choice.choose(head.parse(text), model(modelValues), modelSupport, 0.5f, 1);
    }

    @Test
    void theBaselineAnswersWhenItsRuleReproducesTheHeldOutTermsAndTheModelsDoesNot() {
        SequencePrediction p = choose("1, 1, 2, 6, 24, 120, ?", new Verdict.Support(0, 2, "model"), 356665);
        assertEquals(List.of(720L), p.terms().stream().map(PredictedTerm::value).toList());
        assertEquals("baseline", p.backing().source());
        assertEquals(new Verdict.Support(2, 2, "baseline"), p.backing().support());
        assertEquals("a(n) = (p + q n) a(n-1) (factorial-like product)", p.backing().rule());
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.SUPPORTED, v.status());
        assertEquals("baseline reproduces 2 of 2 held-out terms (rule: a(n) = (p + q n) a(n-1) (factorial-like product))",
                v.detail());
    }

    @Test
    void bothSourcesAgreeingAreNamedTogether() {
        SequencePrediction p = choose("2, 4, 8, 16, 32, 64, 128, ?", new Verdict.Support(3, 3, "model"), 256);
        assertEquals("model+baseline", p.backing().source());
        assertEquals(3, p.backing().support().reproduced());
        assertEquals("256", head.render(p, RenderStyle.COMPACT));
    }

    @Test
    void theModelAnswersWhenOnlyItReproducesTheHeldOutTerms() {
        // Primes: no baseline rule reproduces them; a model that did would answer.
        SequencePrediction p = choose("2, 3, 5, 7, 11, 13, ?", new Verdict.Support(2, 2, "model"), 17);
        assertEquals("model", p.backing().source());
        assertNull(p.backing().rule());
        assertEquals(17L, p.terms().get(0).value());
    }

    @Test
    void abstainsWhenNothingReproducesTheHeldOutTerms() {
        SequencePrediction p = choose("2, 3, 5, 7, 11, 13, ?", new Verdict.Support(0, 2, "model"), -5855601);
        assertTrue(p.backing().abstained());
        assertFalse(p.allValid());
        assertEquals("?", head.render(p, RenderStyle.COMPACT));
        assertEquals("2, 3, 5, 7, 11, 13 -> ?  (no rule found that reproduces the given terms)",
                head.render(p, RenderStyle.PLAIN));
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.ABSTAINED, v.status());
        assertTrue(v.detail().startsWith("no rule found that reproduces the given terms (the best"), v.detail());
        assertFalse(head.matchesExpected(p.input(), p, "17"));
    }

    @Test
    void aModelAnswerThatIsNotANumberIsNoCandidate() {
        SequenceInput input = head.parse("3, 6, 9, 12, 15, 18, 21, ?");
        List<PredictedTerm> invalid = List.of(PredictedTerm.invalid("?", "answer 1 is not a number"));
        SequencePrediction p = choice.choose(input, invalid, new Verdict.Support(3, 3, "model"), 0.5f, 1);
        assertEquals("baseline", p.backing().source());
        assertEquals(24L, p.terms().get(0).value());
        assertEquals(9, p.terms().get(0).tokens().split(" ").length); // the answer's residues, as the model's read
    }

    @Test
    void agreementOnARuleThatFitsEveryGivenTermIsSupportEvenWithNoHeldOutTermReproduced() {
        // A 5-term cubic: its one 4-term prefix cannot pin a cubic down, so no source reproduces
        // the last given term; the model and the baseline's cubic, which fits all 5 terms, agree.
        SequencePrediction p = choose("1, 8, 27, 64, 125, ?", new Verdict.Support(0, 1, "model"), 216);
        assertEquals(List.of(216L), p.terms().stream().map(PredictedTerm::value).toList());
        assertFalse(p.backing().abstained());
        assertEquals("model+baseline", p.backing().source());
        assertEquals(new Verdict.Support(0, 1, "model+baseline", true), p.backing().support());
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.SUPPORTED, v.status());
        assertEquals("model and baseline agree; the baseline's rule (polynomial of degree 3 (constant differences of order 3))"
                + " fits all 5 given terms", v.detail());
        assertEquals("1, 8, 27, 64, 125 -> 216  (" + v.detail() + ")", head.render(p, RenderStyle.PLAIN));
    }

    @Test
    void agreementWithLeaveOneOutSupportSaysBoth() {
        SequencePrediction p = choose("2, 4, 8, 16, 32, 64, 128, ?", new Verdict.Support(3, 3, "model"), 256);
        assertEquals(new Verdict.Support(3, 3, "model+baseline", true), p.backing().support());
        assertTrue(head.verify(p.input(), p).detail().endsWith("fits all 7 given terms; they reproduce 3 of 3 held-out terms"));
    }

    @Test
    void disagreementWithNothingReproducedStillAbstains() {
        SequencePrediction p = choose("1, 8, 27, 64, 125, ?", new Verdict.Support(0, 1, "model"), 215);
        assertTrue(p.backing().abstained());
        assertFalse(p.backing().support().agreement());
        assertEquals(Verdict.Status.ABSTAINED, head.verify(p.input(), p).status());
    }

    @Test
    void agreeingWithTheBaselinesFallbackIsNoSupport() {
        // No rule fits 8 primes: the baseline repeats the last difference (19 + 2 = 21), which a
        // model answering 21 agrees with, but a guess agreeing with a guess backs nothing.
        SequencePrediction p = choose("2, 3, 5, 7, 11, 13, 17, 19, ?", new Verdict.Support(0, 3, "model"), 21);
        assertTrue(p.backing().abstained());
        assertEquals(new Verdict.Support(0, 3, "model+baseline"), p.backing().support());
        assertEquals(Verdict.Status.ABSTAINED, head.verify(p.input(), p).status());
    }
}
