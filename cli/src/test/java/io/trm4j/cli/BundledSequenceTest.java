package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled sequence model answers by default; its answers are unverified unless expected terms are given. */
class BundledSequenceTest {
    @Test
    void continuesPowersOfTwo() {
        CliRun r = CliRun.of("solve", "sequence", "2, 4, 8, 16, ?", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        // Four terms hold none out: the baseline's rule and the model agree, unchecked.
        assertTrue(r.out().startsWith("2, 4, 8, 16 -> 32  (model+baseline, rule: linear recurrence of order 1; too few"
                + " terms to check it)\n"), r.out());
        assertTrue(r.out().contains("UNVERIFIED"), r.out());
    }

    @Test
    void expectedTermsMakeAVerdict() throws Exception {
        CliRun right = solvePowersOfTwoExpecting(32);
        assertEquals(0, right.code(), right.err());
        JsonNode res = new ObjectMapper().readTree(right.out());
        assertEquals("sequence", res.get("model").asText());
        assertEquals("32", res.get("answer").asText());
        assertEquals("SOLVED", res.at("/verdict/status").asText(), right.out());
        CliRun wrong = solvePowersOfTwoExpecting(31);
        JsonNode no = new ObjectMapper().readTree(wrong.out());
        assertEquals("UNSOLVED", no.at("/verdict/status").asText(), wrong.out());
        assertEquals("answer 1 is 32, expected 31", no.at("/verdict/detail").asText());
    }

    private static CliRun solvePowersOfTwoExpecting(int expected) {
        return CliRun.of("solve", "sequence", "{\"terms\": [2, 4, 8, 16], \"expected\": " + expected + "}", "--json",
                "--threads", "1");
    }

    @Test
    void aTermOutOfRangeIsAClearError() {
        CliRun r = CliRun.of("solve", "sequence", "1, 2, 1000000, ?", "--threads", "1");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("1000000"), r.err());
        assertFalse(r.err().contains("at io.trm4j"), r.err());
    }

    @Test
    void factorialsAndPrimesContinueAndDigitsOfPiAbstain() throws Exception {
        CliRun f = CliRun.of("solve", "sequence", "1, 1, 2, 6, 24, 120, ?", "--json", "--threads", "1");
        assertEquals(0, f.code(), f.err());
        JsonNode fact = new ObjectMapper().readTree(f.out());
        assertEquals("720", fact.get("answer").asText(), f.out());
        assertEquals("SUPPORTED", fact.at("/verdict/status").asText(), f.out());
        CliRun p = CliRun.of("solve", "sequence", "2, 3, 5, 7, 11, 13, ?", "--threads", "1");
        assertEquals(0, p.code(), p.err());
        assertTrue(p.out().startsWith("2, 3, 5, 7, 11, 13 -> 17  (baseline reproduces 2 of 2 held-out terms (rule: "
                + "consecutive primes))"), p.out());
        // Digits of pi follow no rule: no number rather than a guess.
        CliRun pi = CliRun.of("solve", "sequence", "3, 1, 4, 1, 5, 9, 2, 6, ?", "--json", "--threads", "1");
        JsonNode abstained = new ObjectMapper().readTree(pi.out());
        assertEquals("?", abstained.get("answer").asText(), pi.out());
        assertEquals("ABSTAINED", abstained.at("/verdict/status").asText(), pi.out());
    }

    @Test
    void agreementOfModelAndBaselineIsShownAsTheSupport() throws Exception {
        // A 5-term cubic: its 4-term prefix cannot pin the rule down, so nothing reproduces the
        // last given term, but the model and the baseline's cubic (fitting all 5 terms) agree.
        CliRun r = CliRun.of("solve", "sequence", "3, 5, 14, 36, 77, ?", "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        assertEquals("143", res.get("answer").asText());
        assertEquals("SUPPORTED", res.at("/verdict/status").asText(), r.out());
        assertTrue(res.at("/verdict/detail").asText().startsWith("model and baseline agree; the baseline's rule (polynomial"
                + " of degree 3"), r.out());
        assertEquals("model+baseline", res.at("/verdict/support/by").asText());
        assertTrue(res.at("/verdict/support/agreement").asBoolean(), r.out());
    }

    @Test
    void augmentSearchesNegatedAndShiftedVariantsAndChecksTheirAnswersOnTheOriginal() throws Exception {
        // The digits of pi pass no check, so every run of the budget is made; each variant's answer
        // is mapped back and checked against the original's held-out terms.
        CliRun r = CliRun.of("solve", "sequence", "3, 1, 4, 1, 5, 9, 2, 6, ?", "--json", "--threads", "1",
                "--search", "augment", "--budget", "4", "--seed", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        assertEquals("augment", res.at("/search/strategy").asText(), r.out());
        assertEquals(4, res.at("/search/loop_runs").asInt(), r.out());
        String status = res.at("/verdict/status").asText();
        assertTrue(status.equals("ABSTAINED") || status.equals("SUPPORTED"), r.out());
        // A first run that passes all its checks ends the search.
        CliRun f = CliRun.of("solve", "sequence", "1, 1, 2, 6, 24, 120, ?", "--json", "--threads", "1",
                "--search", "augment", "--budget", "4");
        JsonNode fact = new ObjectMapper().readTree(f.out());
        assertEquals("720", fact.get("answer").asText(), f.out());
        assertEquals(1, fact.at("/search/loop_runs").asInt(), f.out());
        CliRun sample = CliRun.of("solve", "sequence", "1, 2, 3, 4, 5, ?", "--threads", "1", "--search", "sample");
        assertEquals(2, sample.code(), sample.out());
        assertTrue(sample.err().contains("needs one row per input"), sample.err());
    }
}
