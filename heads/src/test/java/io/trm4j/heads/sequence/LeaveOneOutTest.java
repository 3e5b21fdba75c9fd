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
    void holdsOutUpToEightTermsKeepingFourBeforeEach() {
        assertEquals(0, LeaveOneOut.heldOut(3));
        assertEquals(0, LeaveOneOut.heldOut(4));
        assertEquals(1, LeaveOneOut.heldOut(5));
        assertEquals(2, LeaveOneOut.heldOut(6));
        assertEquals(3, LeaveOneOut.heldOut(7));
        assertEquals(8, LeaveOneOut.heldOut(12));
        assertEquals(3, LeaveOneOut.heldOut(12, LeaveOneOut.MODEL_HELD)); // the model's: a row each
        assertEquals(1, LeaveOneOut.heldOut(5, LeaveOneOut.MODEL_HELD));
        assertEquals(new Verdict.Support(2, 3, "m"), LeaveOneOut.support(12, 3, "m", j -> j != 2));
        List<Long> given = terms("1 2 3 4 5 6 7");
        assertEquals(terms("1 2 3 4 5 6"), LeaveOneOut.prefix(given, 1));
        assertEquals(7L, LeaveOneOut.hidden(given, 1));
        assertEquals(terms("1 2 3 4"), LeaveOneOut.prefix(given, 3));
        assertEquals(5L, LeaveOneOut.hidden(given, 3));
    }

    @Test
    void aRuleSeenBeforeTheLastTermsReproducesThemAll() {
        // a(n) = n a(n-1) is fixed by 3 terms and checked on a 4th: every prefix of 4 or more has it.
        Verdict.Support s = LeaveOneOut.support(terms("1 1 2 6 24 120 720 5040"), "baseline", BASELINE_NEXT);
        assertEquals(new Verdict.Support(4, 4, "baseline"), s);
        assertTrue(LeaveOneOut.supports(s));
        assertTrue(s.complete());
    }

    @Test
    void digitsOfPiFollowNoRuleTheBaselineKnows() {
        Verdict.Support s = LeaveOneOut.support(terms("3 1 4 1 5 9 2"), "baseline", BASELINE_NEXT);
        // 3 1 4 1 -> -2 (the last difference), 3 1 4 1 5 -> 1 (3 4 5 interleaved with 1 1), 3 1 4 1 5 9 -> 13
        assertEquals(new Verdict.Support(0, 3, "baseline"), s);
        assertFalse(LeaveOneOut.supports(s), s.toString());
        assertEquals(new Verdict.Support(3, 3, "baseline"), LeaveOneOut.support(terms("2 3 5 7 11 13 17"), "baseline",
                BASELINE_NEXT)); // the primes are one of its rules
    }

    @Test
    void countsEveryHiddenTermAPredictorGetsRightWhereverItIs() {
        // A predictor that knows squares only.
        Function<List<Long>, OptionalLong> squares = p -> OptionalLong.of((long) (p.size() + 1) * (p.size() + 1));
        assertEquals(new Verdict.Support(2, 3, "squares"), LeaveOneOut.support(terms("1 4 9 16 26 36 49"), "squares",
                squares));
        // a wrong last term does not erase the earlier ones: the sequence broke the rule once
        assertEquals(new Verdict.Support(2, 3, "squares"), LeaveOneOut.support(terms("1 4 9 16 25 36 50"), "squares",
                squares));
        assertEquals(new Verdict.Support(1, 3, "squares"), LeaveOneOut.support(terms("1 4 9 16 25 37 50"), "squares",
                squares));
        // No answer is no support.
        assertEquals(new Verdict.Support(0, 2, "none"), LeaveOneOut.support(terms("1 4 9 16 25 36"), "none",
                p -> OptionalLong.empty()));
    }

    @Test
    void supportIsHalfTheHeldOutTermsOrMore() {
        assertTrue(LeaveOneOut.supports(new Verdict.Support(1, 1, "s")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(1, 2, "s"))); // one hit of two: a coincidence as likely
        assertTrue(LeaveOneOut.supports(new Verdict.Support(2, 2, "s")));
        assertTrue(LeaveOneOut.supports(new Verdict.Support(2, 3, "s")));
        assertTrue(LeaveOneOut.supports(new Verdict.Support(4, 8, "s")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(0, 1, "s")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(1, 3, "s")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(3, 8, "s")));
        assertFalse(LeaveOneOut.supports(new Verdict.Support(0, 0, "s")));
    }

    @Test
    void fourTermsHoldNothingOut() {
        Verdict.Support s = LeaveOneOut.support(terms("2 4 8 16"), "baseline", BASELINE_NEXT);
        assertEquals(new Verdict.Support(0, 0, "baseline"), s);
        assertFalse(s.complete());
    }
}
