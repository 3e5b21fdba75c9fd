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

    @Test
    void solvesAMazeFileWithAVerifiedShortestPath() throws Exception {
        // The BFS shortest path of this maze has 13 cells between S and G (counted by trm/maze.py).
        assertSolvedWithPathCells(MAZE, 13);
    }

    /**
     * Drawn by hand, not generated (issue 27's acceptance maze): 13x17, corridors off the room
     * lattice, four loops, S and G in the middle of corridors, one shortest path of 27 moves
     * (checked by breadth-first search). The bundled model draws it: a verified shortest path.
     */
    @Test
    void aHandDrawnMazeWithLoopsIsSolved() throws Exception {
        assertSolvedWithPathCells("mazes/maze-hand-drawn-loops.txt", 26);
    }

    /** Two shortest paths: eval counts the one the model did not draw as verified, not as exact. */
    @Test
    void evalCountsAnotherShortestPathAsVerified() throws Exception {
        String maze = "#####\n#S  #\n# # #\n#  G#\n#####";
        String top = "#####\n#Soo#\n# #o#\n#  G#\n#####";
        String bottom = "#####\n#S  #\n#o# #\n#ooG#\n#####";
        Path in = tmp.resolve("tie.txt");
        Files.writeString(in, maze);
        CliRun solved = CliRun.of("solve", "maze", in.toString(), "--json", "--threads", "1");
        JsonNode res = new ObjectMapper().readTree(solved.out());
        assertEquals("SOLVED", res.at("/verdict/status").asText(), solved.out());
        String drawn = res.get("answer").asText();
        String other = drawn.contains("Soo") ? bottom : top;
        Path csv = tmp.resolve("tie.csv");
        Files.writeString(csv, "question,answer\n\"" + oneLine(maze) + "\",\"" + oneLine(other) + "\"\n");

        CliRun r = CliRun.of("eval", "maze", csv.toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(1.0, report.get("verified").asDouble(), 1e-9, r.out());
        assertEquals(0.0, report.get("exact").asDouble(), 1e-9, r.out());
        CliRun table = CliRun.of("eval", "maze", csv.toString(), "--threads", "1");
        assertEquals(0, table.code(), table.err());
        String header = table.out().lines().filter(l -> l.contains("CLASS")).findFirst().orElse("");
        assertTrue(header.indexOf("VERIFIED") >= 0 && header.indexOf("VERIFIED") < header.indexOf("EXACT"),
                table.out()); // the headline column
        assertTrue(table.out().contains("1 verified answers differ from the expected one"), table.out());
    }

    private static String oneLine(String rows) {
        return rows.replace("\n", "");
    }

    /**
     * A 30x30 maze (Maze-Hard's size) with a long shortest path: 113 moves, a randomized Kruskal
     * maze of export-scripts/gen_maze_eval.py's long_30x30.csv (seed 2026, row 6). The bundled
     * model's canvas takes it whole.
     */
    @Test
    void aLongPath30x30MazeIsSolved() throws Exception {
        assertSolvedWithPathCells("mazes/maze30-long-kruskal.txt", 112);
    }

    /** {@code trm solve maze} on a test resource: a verified path with this many cells between S and G. */
    private void assertSolvedWithPathCells(String resource, int pathCells) throws Exception {
        Path f = tmp.resolve("maze.txt");
        try (var in = getClass().getClassLoader().getResourceAsStream(resource)) {
            Files.write(f, in.readAllBytes());
        }
        CliRun r = CliRun.of("solve", "maze", f.toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonNode res = new ObjectMapper().readTree(r.out());
        assertEquals("SOLVED", res.at("/verdict/status").asText(), r.out());
        assertEquals(pathCells, res.get("answer").asText().chars().filter(c -> c == 'o').count(), r.out());
    }

    @Test
    void aMazeLargerThan30x30IsAClearError() throws Exception {
        StringBuilder big = new StringBuilder();
        for (int row = 0; row < 31; row++) {
            big.append(row == 0 ? "S" + " ".repeat(29) + "G" : row == 30 ? "#".repeat(31) : " ".repeat(31)).append('\n');
        }
        Path f = tmp.resolve("big.txt");
        Files.writeString(f, big.toString());
        CliRun r = CliRun.of("solve", "maze", f.toString(), "--threads", "1");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("31") && r.err().contains("30x30"), r.err());
    }
}
