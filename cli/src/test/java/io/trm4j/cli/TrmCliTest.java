package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrmCliTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private final String dir = Fixtures.dir(Fixtures.ATTN).toString();



    @Test
    void solvesWithTheTokensHead() {
        CliRun r = CliRun.of("solve", "--model", dir, "--head", "tokens", "--threads", "1", INPUT);
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(16, lines[0].trim().split(" ").length, r.out());
        assertTrue(lines[1].startsWith("steps 16  confidence "), r.out());
    }

    @Test
    void firstPositionalIsTheHeadAndJsonIsOneObject() throws Exception {
        CliRun r = CliRun.of("solve", "--model", dir, "--json", "--trace", "--max-steps", "3", "--halting", "fixed",
                "--threads", "1", "tokens", INPUT);
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("tiny-attn", json.get("model").asText());
        assertEquals(3, json.get("steps").asInt());
        assertEquals("UNVERIFIED", json.get("verdict").get("status").asText());
        assertEquals(3, json.get("trace").size());
        assertEquals(json.get("answer").asText(), joined(json.get("trace").get(2).get("prediction")));
        assertTrue(json.get("elapsed_ms").asDouble() > 0);
    }

    @Test
    void readsStdinAndFiles(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("in.txt");
        Files.writeString(file, INPUT + "\n");
        CliRun r = CliRun.withStdin(INPUT, "solve", "--model", dir, "--json", "--threads", "1", "-", "@" + file);
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().trim().split("\n");
        assertEquals(2, lines.length);
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(lines[0]).get("answer"), json.readTree(lines[1]).get("answer"));
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        CliRun r = CliRun.of("solve", "--model", dir, "1 2 3");
        assertEquals(2, r.code());
        assertEquals("trm: model 'tiny-attn' takes exactly 16 tokens (seq_len), got 3", r.err().trim());
        assertFalse(r.err().contains("\tat "), "no stack trace without --verbose");
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, CliRun.of("solve", "--model", dir, "--max-steps", "0", INPUT).code());
        assertEquals(2, CliRun.of("solve", "--model", dir, "--halting", "sometimes", INPUT).code());
        CliRun r = CliRun.of("solve", "--model", dir, "--head", "nope", INPUT);
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("trm: unknown head 'nope'; known heads: ") && r.err().contains("tokens"),
                r.err());
        assertEquals(2, CliRun.of("solve", "--bogus").code());
        CliRun cuda = CliRun.of("solve", "--model", dir, "--provider", "cuda", INPUT);
        assertEquals(2, cuda.code());
        assertTrue(cuda.err().startsWith("trm: CUDA execution provider unavailable"), cuda.err());
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRun r = CliRun.of("--verbose", "solve", "--model", dir, "1 2 3");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("\tat "), r.err());
    }

    @Test
    void listsModels() {
        CliRun r = CliRun.of("models", "--model", dir);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("NAME"), r.out());
        assertTrue(r.out().contains("tiny-attn") && r.out().contains("attention") && r.out().contains("58.0k"),
                r.out());
    }

    /** Manifest format 2: the puzzle table is a memory-mapped file next to the cell (issue #9). */
    @Test
    void solvesAModelWithItsPuzzleTableOutsideTheGraph() throws Exception {
        String table = Fixtures.dir("tiny-official-table").toString();
        Fixtures.Golden g = Fixtures.golden("tiny-official-table");
        assertEquals(0, g.puzzleIds()[1], "the tokens head gives every row puzzle id 0: golden row 1 has it");
        StringBuilder input = new StringBuilder();
        for (long t : g.tokens()[1]) {
            input.append(input.length() == 0 ? "" : " ").append(t);
        }
        CliRun r = CliRun.of("solve", "--model", table, "--json", "--halting", "fixed", "--max-steps", "16",
                "--threads", "1", input.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("tiny-official-table", json.get("model").asText());
        assertEquals(16, json.get("steps").asInt());
        StringBuilder expected = new StringBuilder();
        for (int t : g.argmax(16, 1)) {
            expected.append(expected.length() == 0 ? "" : " ").append(t);
        }
        assertEquals(expected.toString(), json.get("answer").asText(), "PyTorch's argmax after 16 steps");
        CliRun models = CliRun.of("models", "--model", table);
        assertEquals(0, models.code(), models.err());
        assertTrue(models.out().contains("tiny-official-table"), models.out());
    }

    /** A JSON array of ids as the tokens head renders them: space-separated. */
    private static String joined(com.fasterxml.jackson.databind.JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(id -> sb.append(sb.length() == 0 ? "" : " ").append(id.asInt()));
        return sb.toString();
    }
}
