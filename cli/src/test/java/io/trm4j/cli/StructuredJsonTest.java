package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm solve --json}: the provider that ran, and the answer as fields beside its string form. */
class StructuredJsonTest {
    @TempDir
    Path tmp;

    @Test
    void aMazeAnswerHasRowsWidthHeightAndTheProvider() throws Exception {
        Path f = tmp.resolve("maze.txt");
        try (var in = getClass().getClassLoader().getResourceAsStream("mazes/maze15-generated.txt")) {
            Files.write(f, in.readAllBytes());
        }
        CliRun r = CliRun.of("solve", "maze", f.toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        assertEquals("cpu", res.get("provider").asText(), r.out());
        assertFalse(res.has("provider_note"), r.out());
        JsonNode s = res.get("structured");
        assertEquals(15, s.get("width").asInt(), r.out());
        assertEquals(15, s.get("height").asInt(), r.out());
        assertEquals(15, s.get("rows").size(), r.out());
        StringBuilder joined = new StringBuilder();
        s.get("rows").forEach(row -> joined.append(row.asText()));
        assertEquals(res.get("answer").asText(), joined.toString()); // the string field stays, the same answer
        assertEquals(13, s.get("path_cells").asInt(), r.out());
    }

    @Test
    void sequenceTermsAreNumbersAndAnAutoFallbackIsInTheJson() throws Exception {
        CliRun r = CliRun.of("solve", "sequence", "2, 4, 8, 16, ?, ?", "--json", "--threads", "1",
                "--provider", "auto");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        JsonNode terms = res.at("/structured/terms");
        assertEquals(2, terms.size(), r.out());
        assertTrue(terms.get(0).isIntegralNumber(), r.out());
        assertEquals(terms.get(0).asText() + ", " + terms.get(1).asText(), res.get("answer").asText());
        // The CLI jar has the CPU onnxruntime: auto falls back, and says so in the result itself.
        assertEquals("cpu", res.get("provider").asText(), r.out());
        assertTrue(res.get("provider_note").asText().startsWith("provider auto fell back to CPU: "), r.out());
    }
}
