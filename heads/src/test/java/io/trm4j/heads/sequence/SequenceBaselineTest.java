package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceBaselineTest {
    private final SequenceBaseline baseline = new SequenceBaseline();

    private static List<Long> terms(String text) {
        return Arrays.stream(text.trim().split("\\s+")).map(Long::parseLong).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2 4 8 16              | 32 64 128   | linear recurrence of order 1",
            "7 7 7                 | 7 7 7       | constant",
            "3 10 17 24            | 31 38 45    | arithmetic (constant difference)",
            "1 4 9 16 25           | 36 49 64    | polynomial of degree 2 (constant differences of order 2)",
            "1 8 27 64 125 216     | 343 512 729 | polynomial of degree 3 (constant differences of order 3)",
            "5 -15 45 -135         | 405 -1215 3645 | linear recurrence of order 1",
            "2 7 22 67             | 202 607 1822 | linear recurrence of order 1 with a constant",
            "3 -2 1 -1 0 -1 -1 -2  | -3 -5 -8    | linear recurrence of order 2",
            "1 10 4 7 7 4 10       | 1 13 -2     | linear recurrence of order 2 with a constant",
            "1 100 3 200 5 300 7 400 9 | 500 11 600 | linear recurrence of order 3 with a constant",
            "4 9 1 4 9 1 4         | 9 1 4       | repeating cycle of period 3",
            "4 9 1 4 9             | 1 4 9       | repeating cycle of period 3",
            "1 -4 9 -16 25         | -36 49 -64  | alternating signs: (-1)^n a(n) is polynomial of degree 2 (constant differences of order 2)",
            "-7 10 -13 16          | -19 22 -25  | alternating signs: (-1)^n a(n) is arithmetic (constant difference)",
            "1 -1 1 -1 1           | -1 1 -1     | linear recurrence of order 1",
    })
    void findsTheSimplestRuleThatReproducesEveryTerm(String given, String expected, String rule) {
        SequenceBaseline.Prediction p = baseline.predict(terms(given), 3);
        assertEquals(terms(expected), p.terms());
        assertEquals(rule, p.rule());
        assertTrue(p.ruleFits());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1 1 2 6 24 120               | 720 5040     | a(n) = (p + q n) a(n-1) (factorial-like product)",
            "1 3 15 105 945               | 10395 135135 | a(n) = (p + q n) a(n-1) (factorial-like product)",
            "1 1 2 5 14 42                | 132 429      | self-convolution a(n) = sum a(i) a(n-1-i) (Catalan-like)",
            "2 3 6 18 108                 | 1944 209952  | product of the two terms before",
            "1 2 4 7 12 20 33             | 54 88        | linear recurrence of order 2 with a constant",
            "1 2 4 10 34 154              | 874 5914     | differences follow: a(n) = (p + q n) a(n-1) (factorial-like product)",
            "1 10 3 20 9 30 27            | 40 81        | interleaved: linear recurrence of order 1 / arithmetic (constant difference)",
            "0 1 3 10 41 206              | 1237 8660    | a(n) = (p + q n) a(n-1) + r",
            "1 0 1 2 9 44 265             | 1854 14833   | a(n) = (p + q n) a(n-1) + (r + s n) a(n-2)",
            "1 2 3 5 8 13 21 34 55        | 89 144       | linear recurrence of order 2",
            "2 3 5 7 11 13                | 17 19        | consecutive primes",
            "97 101 103 107               | 109 113      | consecutive primes",
            "3 5 7                        | 9 11         | arithmetic (constant difference)",
    })
    void knowsTheRuleFamiliesPeopleType(String given, String expected, String rule) {
        SequenceBaseline.Prediction p = baseline.predict(terms(given), 2);
        assertEquals(rule, p.rule());
        assertEquals(terms(expected), p.terms());
        assertTrue(p.ruleFits());
    }

    @Test
    void withNoRuleForEveryTermTheLocalRuleWithTheBestRecordContinuesAndSaysSo() {
        // An irregular start, then a cycle: "the last 2 terms repeated" reproduces 6 of the 8 held-out terms.
        SequenceBaseline.Analysis a = baseline.analyze(terms("9 0 1 5 2 4 2 4 2 4 2 4"), 2);
        assertFalse(a.prediction().ruleFits());
        assertEquals("no rule fits every term; the last 2 terms repeated", a.prediction().rule());
        assertEquals(List.of(2L, 4L), a.prediction().terms());
        assertEquals(new Verdict.Support(6, 8, "baseline"), a.support());
        // Nothing does better than chance: the simplest, the last difference, with its poor record.
        SequenceBaseline.Analysis pi = baseline.analyze(terms("3 1 4 1 5 9 2 6"), 2);
        assertEquals("no rule fits every term; the last difference repeated", pi.prediction().rule());
        assertEquals(List.of(10L, 14L), pi.prediction().terms());
        assertEquals(new Verdict.Support(1, 4, "baseline"), pi.support());
        assertFalse(LeaveOneOut.supports(pi.support()));
    }

    @Test
    void aFittingRuleIsCheckedByRefittingOnEachPrefix() {
        // Cubes: a cubic fits every prefix of 5 terms or more (4 fix it, 1 checks it), so the 6th and
        // the 7th term are its checks; the 5th, from 4 terms, cannot be (the baseline, refitted on
        // those 4, repeats the last difference: 101, not 125), and is not counted.
        SequenceBaseline.Analysis a = baseline.analyze(terms("1 8 27 64 125 216 343"), 1);
        assertEquals("polynomial of degree 3 (constant differences of order 3)", a.prediction().rule());
        assertEquals(List.of(512L), a.prediction().terms());
        assertEquals(new Verdict.Support(2, 2, "baseline"), a.support());
        assertFalse(baseline.analyze(terms("1 8 27 64 125 216 343"), 1).reproduces(4));
        // Regions of a circle: 1 2 4 8 16 is geometric (32, not 31), but a quartic needs 6 terms, so
        // only the 7th and 8th terms check it, and it reproduces both.
        SequenceBaseline.Analysis circle = baseline.analyze(terms("1 2 4 8 16 31 57 99"), 1);
        assertEquals("polynomial of degree 4 (constant differences of order 4)", circle.prediction().rule());
        assertEquals(new Verdict.Support(2, 2, "baseline"), circle.support());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "1 1 2 6 24 120 720 5040 40320",
            "2 3 5 7 11 13 17 19 23 29 31 37",
            "1 2 4 8 16 31 57 99 163 256",
            "0 1 0 0 1 0 1 0 0 1 0 0",
            "1 10 3 20 9 30 27 40 81 50 243 60",
            "1 -4 9 -16 25 -36 49 -64",
            "3 1 4 1 5 9 2 6 5 3 5 8",
            "4 9 1 4 9 1 4 9 2 4 9 1",
            "1 2 4 10 34 154 874 5914 46234",
            "5 5 5 5 5 6 7 8 9 10 11 12",
    })
    void oneFitOfEveryRuleTellsWhatTheBaselineDoesOnEachPrefix(String given) {
        List<Long> a = terms(given);
        SequenceBaseline.Analysis analysis = baseline.analyze(a, 1);
        assertEquals(baseline.predict(a, 1), analysis.prediction());
        for (int prefix = 2; prefix < a.size(); prefix++) {
            long refitted = baseline.predict(a.subList(0, prefix), 1).terms().get(0);
            assertEquals(refitted == a.get(prefix), analysis.reproduces(prefix), "prefix of " + prefix + " terms");
        }
    }

    @Test
    void aRuleNeedsASpareTermToCheckIt() {
        // Any three terms fit a quadratic and a(n) = p a(n-1) + q exactly: no evidence for either.
        SequenceBaseline.Prediction p = baseline.predict(terms("1 2 5"), 1);
        assertFalse(p.ruleFits(), p.rule());
        assertEquals(List.of(8L), p.terms());
    }
}
