package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled maze model solves a maze file by default, and a wrong path never passes as solved. */
class BundledMazeTest {
    /** A 15x15 maze from export-scripts/trm/maze.py (k 7, seed 4242): not in the model's training pools. */
    private static final String MAZE = "mazes/maze15-generated.txt";

    @TempDir
    Path tmp;

    private Path mazeFile() throws Exception {
        Path f = tmp.resolve("maze.txt");
        try (var in = getClass().getClassLoader().getResourceAsStream(MAZE)) {
            Files.write(f, in.readAllBytes());
        }
        return f;
    }

    @Test
    void solvesAMazeFileWithAVerifiedShortestPath() throws Exception {
        CliRun r = CliRun.of("solve", "maze", mazeFile().toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        assertEquals("SOLVED", res.at("/verdict/status").asText(), r.out());
        String answer = res.get("answer").asText();
        // The BFS shortest path of this maze has 13 cells between S and G (counted by trm/maze.py).
        assertEquals(13, answer.chars().filter(c -> c == 'o').count(), answer);
    }

    @Test
    void aMazeTooLargeForTheCanvasIsAClearError() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int row = 0; row < 25; row++) {
            big.append(row == 0 ? "S" + " ".repeat(23) + "G" : row == 24 ? "#".repeat(25) : " ".repeat(25)).append('\n');
        }
        Path f = tmp.resolve("big.txt");
        Files.writeString(f, big.toString());
        CliRun r = CliRun.of("solve", "maze", f.toString(), "--threads", "1");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("25"), r.err());
    }
}
