package io.trm4j.heads.sequence;

import io.trm4j.core.head.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SequenceParserTest {
    private static final List<Long> POWERS = List.of(2L, 4L, 8L, 16L);

    @Test
    void readsCommaAndSpaceSeparatedTermsWithOrWithoutTheQuestionMark() {
        SequenceInput want = SequenceInput.of(POWERS, 1);
        assertEquals(want, SequenceParser.parse("2, 4, 8, 16, ?"));
        assertEquals(want, SequenceParser.parse("2, 4, 8, 16"));
        assertEquals(want, SequenceParser.parse("  2 4 8 16 ?\n"));
        assertEquals(want, SequenceParser.parse("2,4,8,16?"));
        assertEquals(want, SequenceParser.parse("2 ,4\t8,\n16,"));
        assertEquals(want, SequenceParser.parse("[2, 4, 8, 16]"));
        assertEquals(want, SequenceParser.parse("+2, 4, 8, 16, ?"));
    }

    @Test
    void repeatedQuestionMarksAskForMoreTerms() {
        assertEquals(SequenceInput.of(List.of(1L, 2L, 3L), 2), SequenceParser.parse("1, 2, 3, ?, ?"));
        assertEquals(SequenceInput.of(List.of(1L, 2L, 3L), 3), SequenceParser.parse("1 2 3 ???"));
        assertRejects(() -> SequenceParser.parse("1, 2, 3, ?, ?, ?, ?"), "too many '?': 4, at most 3 terms can be predicted");
        assertRejects(() -> SequenceParser.parse("1, ?, 3, 4"), "term 3 ('3') follows a '?'", "must come last");
    }

    @Test
    void readsNegativesZeroAndTheLimits() {
        assertEquals(List.of(-999999L, 0L, 999999L, -3L), SequenceParser.parse("-999999, 0, 999999, \u22123").terms());
        assertRejects(() -> SequenceParser.parse("1, 1500000, 3"), "term 2 (1500000) is out of range: |a| must be < 1000000");
        assertRejects(() -> SequenceParser.parse("1, 2, -1000000"), "term 3 (-1000000) is out of range");
        assertRejects(() -> SequenceParser.parse("1, 2, 99999999999999999999999"), "term 3 (99999999999999999999999) is out of range");
    }

    @Test
    void readsJson() {
        assertEquals(SequenceInput.of(POWERS, 1), SequenceParser.parse("{\"terms\": [2, 4, 8, 16]}"));
        assertEquals(SequenceInput.of(POWERS, 2), SequenceParser.parse("{\"terms\": [2, 4, 8, 16], \"k\": 2}"));
        SequenceInput withExpected = SequenceParser.parse("{\"terms\":[2,4,8,16],\"expected\":[32,64],\"id\":\"A000079\"}");
        assertEquals(new SequenceInput(POWERS, 2, List.of(32L, 64L)), withExpected);
        assertEquals(new SequenceInput(POWERS, 3, List.of(32L)), SequenceParser.parse("{\"terms\":[2,4,8,16],\"k\":3,\"expected\":32}"));
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8.5, 16]}"), "term 3 (8.5) is not an integer");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, \"4\", 8]}"), "term 2 (\"4\") is not an integer");
        assertRejects(() -> SequenceParser.parse("{\"numbers\": [2, 4, 8]}"), "JSON input needs \"terms\"");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8], \"k\": 4}"), "\"k\" must be an integer from 1 to 3, got 4");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8], \"k\": \"2\"}"), "\"k\" must be an integer from 1 to 3");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8], \"k\": 1, \"expected\": [16, 32]}"),
                "\"expected\" has 2 terms but k is 1");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8], \"expected\": [10000000]}"),
                "expected term 1 (10000000) is out of range: |a| must be < 10000000");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [2, 4, 8], }"), "not valid JSON");
        assertRejects(() -> SequenceParser.parse("{\"terms\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]}"),
                "too many terms: 13, at most 12");
    }

    @Test
    void badInputSaysWhatAndWhere() {
        assertRejects(() -> SequenceParser.parse("1, 2, 3, 12x"), "term 4 ('12x') is not an integer");
        assertRejects(() -> SequenceParser.parse("1, 2, 3.5, 4"), "term 3 ('3.5') is not an integer");
        assertRejects(() -> SequenceParser.parse("1, 2,, 4"), "term 3 is empty");
        assertRejects(() -> SequenceParser.parse("1 2 3 4 5 6 7 8 9 10 11 12 13"), "too many terms: 13, at most 12");
        assertRejects(() -> SequenceParser.parse("1, 2, ?"), "too few terms: 2, at least 3");
        assertRejects(() -> SequenceParser.parse("   "), "no terms given");
        assertRejects(() -> SequenceParser.parse("?"), "too few terms: 0");
        assertRejects(() -> SequenceParser.parse("[1, 2, 3"), "term 1 ('[1') is not an integer");
    }

    @Test
    void readsExpectedAnswers() {
        assertEquals(List.of(32L), SequenceParser.parseExpected(" 32 "));
        assertEquals(List.of(4L, -5L), SequenceParser.parseExpected("4, -5"));
        assertEquals(List.of(9999999L), SequenceParser.parseExpected("[9999999]"));
        assertRejects(() -> SequenceParser.parseExpected("1, 2, 3, 4"), "too many expected terms: 4, at most 3");
        assertRejects(() -> SequenceParser.parseExpected("abc"), "term 1 ('abc') is not an integer");
        assertRejects(() -> SequenceParser.parseExpected("-10000000"), "expected term 1 (-10000000) is out of range");
        assertRejects(() -> SequenceParser.parseExpected(""), "no expected term given");
    }

    static void assertRejects(Executable call, String... fragments) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
