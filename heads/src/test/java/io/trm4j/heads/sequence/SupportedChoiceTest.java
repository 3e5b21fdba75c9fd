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
        // Digits of pi: no baseline rule reproduces them; a model that did would answer.
        SequencePrediction p = choose("3, 1, 4, 1, 5, 9, 2, 6, ?", new Verdict.Support(3, 3, "model"), 5);
        assertEquals("model", p.backing().source());
        assertNull(p.backing().rule());
        assertEquals(5L, p.terms().get(0).value());
    }

    @Test
    void abstainsWhenNothingReproducesHalfTheHeldOutTerms() {
        SequencePrediction p = choose("3, 1, 4, 1, 5, 9, 2, 6, ?", new Verdict.Support(1, 3, "model"), -5855601);
        assertTrue(p.backing().abstained());
        assertFalse(p.allValid());
        assertEquals("?", head.render(p, RenderStyle.COMPACT));
        assertEquals("3, 1, 4, 1, 5, 9, 2, 6 -> ?  (no rule found that reproduces the given terms)",
                head.render(p, RenderStyle.PLAIN));
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.ABSTAINED, v.status());
        assertEquals("no rule found that reproduces the given terms (the best, by the baseline, reproduces 1 of 4"
                + " held-out terms)", v.detail());
        assertFalse(head.matchesExpected(p.input(), p, "5"));
    }

    @Test
    void primesAreARuleOfTheBaseline() {
        SequencePrediction p = choose("2, 3, 5, 7, 11, 13, ?", new Verdict.Support(0, 2, "model"), -5855601);
        assertEquals(17L, p.terms().get(0).value());
        assertEquals("baseline reproduces 2 of 2 held-out terms (rule: consecutive primes)",
                head.verify(p.input(), p).detail());
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
        // Six digits of pi: the last difference repeated reproduces 1 of the 2 held-out terms.
        SequencePrediction p = choose("3, 1, 4, 1, 5, 9, ?", new Verdict.Support(0, 2, "model"), 2);
        assertTrue(p.backing().abstained());
        assertEquals(new Verdict.Support(1, 2, "baseline"), p.backing().support());
        assertEquals(Verdict.Status.ABSTAINED, head.verify(p.input(), p).status());
    }

    @Test
    void aFiveTermCubicTheModelDisagreesWithAnswersUnchecked() {
        // The cubic needs all 5 terms to be fixed and checked: nothing could be held out for it.
        SequencePrediction p = choose("1, 8, 27, 64, 125, ?", new Verdict.Support(0, 1, "model"), 215);
        assertEquals(216L, p.terms().get(0).value());
        assertFalse(p.backing().abstained());
        assertEquals(Verdict.Status.UNVERIFIED, head.verify(p.input(), p).status());
    }

    @Test
    void agreeingWithALocalRuleWithAPoorRecordIsNoSupport() {
        // No rule fits these digits of pi: the baseline repeats the last difference (6 + 4 = 10),
        // which reproduces 1 of 4 held-out terms; a model answering 10 agrees, but a guess agreeing
        // with a guess backs nothing.
        SequencePrediction p = choose("3, 1, 4, 1, 5, 9, 2, 6, ?", new Verdict.Support(0, 3, "model"), 10);
        assertTrue(p.backing().abstained());
        assertEquals(new Verdict.Support(1, 4, "model+baseline"), p.backing().support());
        assertEquals(Verdict.Status.ABSTAINED, head.verify(p.input(), p).status());
    }

    @Test
    void aLocalRuleWithAGoodRecordAnswers() {
        SequencePrediction p = choose("9, 0, 1, 5, 2, 4, 2, 4, 2, 4, 2, 4, ?", new Verdict.Support(1, 3, "model"), 7);
        assertEquals(List.of(2L), p.terms().stream().map(PredictedTerm::value).toList());
        assertEquals("baseline", p.backing().source());
        assertEquals(new Verdict.Support(6, 8, "baseline"), p.backing().support());
        assertEquals("baseline reproduces 6 of 8 held-out terms (rule: no rule fits every term; the last 2 terms repeated)",
                head.verify(p.input(), p).detail());
    }

    @Test
    void theModelHoldsOutThreeTermsSoALongRecordOfTheBaselineOutweighsIt() {
        // The model's checks cost a row each (3 at most); the baseline's 6 of 8 count for more.
        SequencePrediction p = choose("9, 0, 1, 5, 2, 4, 2, 4, 2, 4, 2, 4, ?", new Verdict.Support(3, 3, "model"), 7);
        assertEquals("baseline", p.backing().source());
        assertEquals(2L, p.terms().get(0).value());
    }

    @Test
    void aRuleThatNeedsEveryGivenTermCannotBeHeldOutAndAnswersUnchecked() {
        // Fourth powers: a quartic is fixed by 5 terms and checked on a 6th, so neither 4- nor
        // 5-term prefix can have it; a model that reproduces nothing does not outweigh it.
        SequencePrediction p = choose("0, 1, 16, 81, 256, 625, ?", new Verdict.Support(0, 2, "model"), 1000);
        assertEquals(List.of(1296L), p.terms().stream().map(PredictedTerm::value).toList());
        assertFalse(p.backing().abstained());
        Verdict v = head.verify(p.input(), p);
        assertEquals(Verdict.Status.UNVERIFIED, v.status());
        assertTrue(v.detail().contains("the rule needs all 6 given terms to be fixed and checked, so none could be held"
                + " out; baseline, rule: polynomial of degree 4"), v.detail());
        // A model that reproduces both held-out terms is better supported.
        assertEquals("model", choose("0, 1, 16, 81, 256, 625, ?", new Verdict.Support(2, 2, "model"), 1000)
                .backing().source());
    }

    @Test
    void withNothingToHoldOutAFittingRuleAnswersUnchecked() {
        SequencePrediction rule = choice.unchecked(head.parse("1, -4, 9, -16, ?"), model(6692697), 0.5f, 1);
        assertEquals(List.of(25L), rule.terms().stream().map(PredictedTerm::value).toList());
        assertEquals("baseline", rule.backing().source());
        Verdict v = head.verify(rule.input(), rule);
        assertEquals(Verdict.Status.UNVERIFIED, v.status());
        assertTrue(v.detail().contains("too few terms to hold one out (5 needed); baseline, rule: alternating signs"),
                v.detail());
        assertEquals("1, -4, 9, -16 -> 25  (baseline, rule: alternating signs: (-1)^n a(n) is polynomial of degree 2"
                + " (constant differences of order 2); too few terms to check it)", head.render(rule, RenderStyle.PLAIN));
        SequencePrediction both = choice.unchecked(head.parse("2, 4, 8, 16, ?"), model(32), 0.5f, 1);
        assertEquals("model+baseline", both.backing().source());
        // No rule fits 3 terms with one to spare: the model answers, unchecked.
        SequencePrediction model = choice.unchecked(head.parse("-5, 0, 7, ?"), model(12), 0.5f, 1);
        assertEquals("model", model.backing().source());
        assertEquals(12L, model.terms().get(0).value());
        assertNull(model.backing().rule());
    }
}
