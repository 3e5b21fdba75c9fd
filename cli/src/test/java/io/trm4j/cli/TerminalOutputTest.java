package io.trm4j.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pipes get plain text and --json one JSON document; colours and the progress bar go to terminals only. */
class TerminalOutputTest {
    /** Reads exactly one JSON document: anything after it (a table, a second document) fails. */
    private static final ObjectMapper ONE_DOCUMENT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final String ESC = "\u001b[";
    private final String model = Fixtures.dir(Fixtures.ATTN).toString();

    @TempDir
    Path tmp;

    private Path csv() throws Exception {
        Path csv = tmp.resolve("cases.csv");
        Files.writeString(csv, "question,answer,difficulty_class\n\"" + INPUT + "\",\"" + INPUT + "\",easy\n"
                + "\"" + INPUT + "\",\"" + INPUT + "\",hard\n");
        return csv;
    }

    @Test
    void colourOnlyOnATerminalThatHasColoursAndNoNoColor() {
        assertTrue(Terminal.of(true, false, Map.of("TERM", "xterm-256color")).colour());
        assertFalse(Terminal.of(true, true, Map.of("TERM", "dumb")).colour(), "TERM=dumb");
        assertFalse(Terminal.of(true, true, Map.of()).colour(), "no TERM");
        assertFalse(Terminal.of(true, true, Map.of("TERM", "xterm", "NO_COLOR", "1")).colour(), "NO_COLOR");
        assertFalse(Terminal.of(true, true, Map.of("TERM", "xterm", "NO_COLOR", "")).colour(), "NO_COLOR, empty");
        assertFalse(Terminal.of(false, true, Map.of("TERM", "xterm")).colour(), "stdout is a pipe");
    }

    @Test
    void solveColoursAnAnswerOnlyOnAColourTerminal() {
        String[] args = {"solve", "sequence", "2, 4, 8, 16, ?", "--threads", "1"};
        CliRun coloured = CliRun.onTerminal(true, true, Map.of("TERM", "xterm"), args);
        assertEquals(0, coloured.code(), coloured.err());
        assertTrue(coloured.out().contains(ESC), coloured.out());
        for (Map<String, String> env : java.util.List.of(Map.of("TERM", "dumb"), Map.of("TERM", "xterm", "NO_COLOR", "1"))) {
            CliRun plain = CliRun.onTerminal(true, true, env, args);
            assertEquals(coloured.code(), plain.code(), plain.err());
            assertFalse(plain.out().contains(ESC), env + ": " + plain.out());
            assertTrue(plain.out().startsWith("2, 4, 8, 16 -> 32"), plain.out());
        }
        CliRun piped = CliRun.onTerminal(false, true, Map.of("TERM", "xterm"), args);
        assertFalse(piped.out().contains(ESC), piped.out());
    }

    @Test
    void evalJsonIsOneDocumentAndThereIsNoProgressBarWithoutATerminal() throws Exception {
        CliRun r = CliRun.of("eval", "tokens", csv().toString(), "--model", model, "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode report = ONE_DOCUMENT.readTree(r.out());
        assertEquals(2, report.get("n").asInt());
        assertEquals(2, report.get("per_class").size());
        assertEquals("", r.err(), "no table, no progress bar where nobody watches");

        CliRun table = CliRun.of("eval", "tokens", csv().toString(), "--model", model, "--threads", "1");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("CLASS"), table.out());
        assertFalse(table.err().contains("\r"), "a progress bar in a file: " + table.err());
    }

    @Test
    void onATerminalTheProgressBarAndWithJsonTheTableGoToStderr() throws Exception {
        CliRun r = CliRun.stderrOnTerminal("eval", "tokens", csv().toString(), "--model", model, "--json",
                "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(2, ONE_DOCUMENT.readTree(r.out()).get("n").asInt());
        assertTrue(r.err().contains("\r[") && r.err().contains("2/2"), "progress bar: " + r.err());
        assertTrue(r.err().contains("CLASS"), "the table: " + r.err());
    }

    @Test
    void baselineEvalJsonIsOneDocument() throws Exception {
        Path jsonl = tmp.resolve("seq.jsonl");
        Files.writeString(jsonl, "{\"terms\":[2,4,8,16,32],\"family\":\"geometric\"}\n");
        CliRun r = CliRun.of("eval", "sequence", jsonl.toString(), "--baseline", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode report = ONE_DOCUMENT.readTree(r.out());
        assertEquals(1.0, report.get("rule_fits").asDouble());
        assertEquals("", r.err());
    }

    @Test
    void modelsJsonIsOneDocumentWithEachModelsFigures() throws Exception {
        CliRun r = CliRun.of("models", "--model", model, "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode models = ONE_DOCUMENT.readTree(r.out()).get("models");
        JsonNode attn = null;
        for (JsonNode m : models) {
            attn = m.get("name").asText().equals("tiny-attn") ? m : attn;
        }
        assertTrue(attn != null, r.out());
        assertEquals("tokens", attn.get("head").asText(), r.out());
        assertEquals("attention", attn.get("variant").asText(), r.out());
        assertEquals(58, attn.get("params").asLong() / 1000, r.out()); // the table's "58.0k"
        assertTrue(attn.get("cell_bytes").asLong() > 0, r.out());
        assertEquals(16, attn.get("max_steps").asInt(), r.out());
        assertTrue(attn.get("source").asText().contains(model), r.out());
    }
}
