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
