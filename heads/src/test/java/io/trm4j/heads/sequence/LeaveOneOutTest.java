package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaveOneOutTest {
    private static final SequenceBaseline BASELINE = new SequenceBaseline();
    private static final Function<List<Long>, OptionalLong> BASELINE_NEXT =
            prefix -> OptionalLong.of(BASELINE.predict(prefix, 1).terms().get(0));

    private static List<Long> terms(String text) {
        return Arrays.stream(text.trim().split("\\s+")).map(Long::parseLong).toList();
    }

    @Test
    void holdsOutUpToThreeTermsKeepingFourBeforeEach() {
        assertEquals(0, LeaveOneOut.heldOut(3));
        assertEquals(0, LeaveOneOut.heldOut(4));
        assertEquals(1, LeaveOneOut.heldOut(5));
        assertEquals(2, LeaveOneOut.heldOut(6));
        assertEquals(3, LeaveOneOut.heldOut(7));
        assertEquals(3, LeaveOneOut.heldOut(12));
        List<Long> given = terms("1 2 3 4 5 6 7");
        assertEquals(terms("1 2 3 4 5 6"), LeaveOneOut.prefix(given, 1));
        assertEquals(7L, LeaveOneOut.hidden(given, 1));
        assertEquals(terms("1 2 3 4"), LeaveOneOut.prefix(given, 3));
        assertEquals(5L, LeaveOneOut.hidden(given, 3));
    }

    @Test
    void aRuleSeenBeforeTheLastTermsReproducesThemAll() {
        Verdict.Support s = LeaveOneOut.support(terms("1 1 2 6 24 120 720 5040"), "baseline", BASELINE_NEXT);
        assertEquals(new Verdict.Support(3, 3, "baseline"), s);
        assertTrue(LeaveOneOut.supports(s));
        assertTrue(s.complete());
    }

    @Test
    void primesFollowNoRuleTheBaselineKnows() {
        Verdict.Support s = LeaveOneOut.support(terms("2 3 5 7 11 13 17"), "baseline", BASELINE_NEXT);
        assertEquals(3, s.held());
        assertFalse(LeaveOneOut.supports(s), s.toString());
    }

    @Test
    void countsOnlyTheHiddenTermsAPredictorGetsRight() {
        // A predictor that knows squares only, from the last given term back to its first miss.
        Function<List<Long>, OptionalLong> squares = p -> OptionalLong.of((long) (p.size() + 1) * (p.size() + 1));
        assertEquals(new Verdict.Support(2, 3, "squares"), LeaveOneOut.support(terms("1 4 9 16 26 36 49"), "squares",
                squares));
        assertTrue(LeaveOneOut.supports(new Verdict.Support(2, 3, "squares")));
        // missing the last given term: nothing counts, however many earlier ones it got
        Verdict.Support s = LeaveOneOut.support(terms("1 4 9 16 25 36 50"), "squares", squares);
        assertEquals(new Verdict.Support(0, 3, "squares"), s);
        assertFalse(LeaveOneOut.supports(s));
        // No answer is no support.
        assertEquals(new Verdict.Support(0, 2, "none"), LeaveOneOut.support(terms("1 4 9 16 25 36"), "none",
                p -> OptionalLong.empty()));
        assertTrue(LeaveOneOut.supports(new Verdict.Support(1, 3, "one")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(0, 1, "none")));
    }

    @Test
    void fourTermsHoldNothingOut() {
        Verdict.Support s = LeaveOneOut.support(terms("2 4 8 16"), "baseline", BASELINE_NEXT);
        assertEquals(new Verdict.Support(0, 0, "baseline"), s);
        assertFalse(s.complete());
    }
}
