package io.trm4j.heads.sequence;

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
    })
    void knowsTheRuleFamiliesPeopleType(String given, String expected, String rule) {
        SequenceBaseline.Prediction p = baseline.predict(terms(given), 2);
        assertEquals(rule, p.rule());
        assertEquals(terms(expected), p.terms());
        assertTrue(p.ruleFits());
    }

    @Test
    void fallsBackToTheLastDifferenceAndSaysSo() {
        SequenceBaseline.Prediction p = baseline.predict(terms("3 1 4 1 5 9 2 6"), 2);
        assertFalse(p.ruleFits());
        assertTrue(p.rule().startsWith("fallback"), p.rule());
        assertEquals(List.of(10L, 14L), p.terms());
    }

    @Test
    void aRuleNeedsASpareTermToCheckIt() {
        // Any three terms fit a quadratic and a(n) = p a(n-1) + q exactly: no evidence for either.
        SequenceBaseline.Prediction p = baseline.predict(terms("1 2 5"), 1);
        assertFalse(p.ruleFits(), p.rule());
        assertEquals(List.of(8L), p.terms());
    }
}
