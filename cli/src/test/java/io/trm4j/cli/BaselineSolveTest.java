package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm solve sequence --baseline}: answers without a model, says which rule, fails bad use clearly. */
class BaselineSolveTest {
    @Test
    void answersWithTheFittedRule() {
        CliRun r = CliRun.of("solve", "sequence", "--baseline", "2, 4, 8, 16, ?");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("2, 4, 8, 16 -> 32\n"), r.out());
        assertTrue(r.out().contains("baseline (rule fitting, no model): linear recurrence of order 1; reproduces every "
                + "given term"), r.out());
    }

    @Test
    void jsonSaysWhenNoRuleFitsAndTheExitCodeToo() throws Exception {
        // (3 1 4 1 5 alone now fits: 3 4 5 interleaved with 1 1)
        CliRun r = CliRun.of("solve", "sequence", "--baseline", "--json", "1, 1, 2, 3, 5, ?", "3 1 4 1 5 9 2 6");
        assertEquals(1, r.code(), "a guess when no rule fits is not an answer: " + r.out());
        String[] lines = r.out().strip().split("\n");
        JsonNode fib = new ObjectMapper().readTree(lines[0]);
        assertEquals("baseline", fib.get("solver").asText());
        assertEquals(8, fib.at("/terms/0").asLong());
        assertTrue(fib.get("rule_fits").asBoolean());
        JsonNode pi = new ObjectMapper().readTree(lines[1]);
        assertFalse(pi.get("rule_fits").asBoolean());
        assertEquals("no rule fits every term; the last difference repeated", pi.get("rule").asText(), lines[1]);
    }

    @Test
    void badUseIsOneClearLine() {
        CliRun other = CliRun.of("solve", "sudoku", "--baseline", "1, 2, 3");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("--baseline answers the sequence head without a model"), other.err());
        CliRun search = CliRun.of("solve", "sequence", "--baseline", "--search", "restarts", "1, 2, 3");
        assertEquals(2, search.code());
        assertTrue(search.err().contains("--search and --trace do not apply"), search.err());
        CliRun bad = CliRun.of("solve", "sequence", "--baseline", "1, x, 3");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("term 2 ('x') is not an integer"), bad.err());
        assertFalse(bad.err().contains("at io.trm4j"), bad.err());
    }
}
