package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trm solve arc} and {@code trm eval arc DIR} on the bundled ARC model: two attempts per
 * test input, pass@2 over a directory of task files (tasks not run count as unsolved), the
 * unknown-task fallback and the submission file. The three tasks are ARC-AGI-1 training tasks the
 * model was trained on (resources/arc/README.md).
 */
class ArcCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TASKS = {"6150a2bd", "27a28665", "8d5021e8"};

    @TempDir
    Path dir;

    @BeforeEach
    void copyTasks() throws Exception {
        for (String t : TASKS) {
            try (var in = getClass().getClassLoader().getResourceAsStream("arc/" + t + ".json")) {
                Files.write(dir.resolve(t + ".json"), in.readAllBytes());
            }
        }
    }

    @Test
    void solvePrintsTwoAttemptsPerTestInput() throws Exception {
        CliRun r = CliRun.of("solve", "arc", dir.resolve("27a28665.json").toString(), "--json", "--threads", "1");
        assertTrue(r.code() == 0 || r.code() == 1, r.err());
        JsonNode res = JSON.readTree(r.out());
        JsonNode attempts = JSON.readTree(res.get("answer").asText());
        assertEquals(3, attempts.size(), "27a28665 has three test inputs");
        for (JsonNode a : attempts) {
            assertTrue(a.get("attempt_1").isArray() && a.get("attempt_2").isArray(), a.toString());
        }
        String status = res.at("/verdict/status").asText();
        assertEquals(r.code() == 0 ? "SOLVED" : "UNSOLVED", status, "the task gives its test outputs: pass@2 is checked");

        CliRun plain = CliRun.of("solve", "arc", dir.resolve("6150a2bd.json").toString(), "--threads", "1");
        assertTrue(plain.out().contains("attempt 1"), plain.out());
    }

    @Test
    void evalScoresADirectoryPass2AndCountsTasksNotRun() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"train\": [");
        Files.writeString(dir.resolve("ffffffff.json"), Files.readString(dir.resolve("6150a2bd.json"))); // unknown id
        Path submission = dir.resolve("out").resolve("submission.json");
        Files.createDirectories(submission.getParent());
        // stderr is a terminal: the table goes there, stdout holds the JSON document only
        CliRun r = CliRun.stderrOnTerminal("eval", "arc", dir.toString(), "--json", "--threads", "1", "--submission",
                submission.toString());
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode o = JSON.readTree(lines[lines.length - 1]);
        assertEquals(5, o.get("tasks").asInt());
        assertEquals(3, o.get("n").asInt(), "the three known tasks ran");
        assertEquals(2, o.get("invalid").asInt(), "the broken file and the unknown task did not");
        double solved = o.get("exact").asDouble() * 3;
        assertEquals(solved / 5, o.get("exact_all_tasks").asDouble(), 1e-9);
        assertTrue(r.err().contains("pass@2 over all 5 task files"), r.err());
        JsonNode perTask = o.get("per_task");
        assertEquals(3, perTask.size());
        int solvedTasks = 0;
        for (String t : TASKS) {
            solvedTasks += perTask.get(t).get("solved").asBoolean() ? 1 : 0;
            assertEquals(8, perTask.get(t).get("steps").asInt());
        }
        assertEquals(solved, solvedTasks, 1e-9);
        JsonNode sub = JSON.readTree(Files.readString(submission));
        assertEquals(3, sub.size());
        assertEquals(3, sub.get("27a28665").size());
        assertTrue(sub.get("6150a2bd").get(0).has("attempt_2"));
    }

    @Test
    void unknownTaskFallbackRunsWithAWarning() throws Exception {
        Path f = dir.resolve("ffffffff.json");
        Files.writeString(f, Files.readString(dir.resolve("6150a2bd.json")));
        CliRun fails = CliRun.of("solve", "arc", f.toString(), "--threads", "1");
        assertEquals(2, fails.code(), fails.out());
        assertTrue(fails.err().contains("not trained on ARC task 'ffffffff'") && fails.err().contains("--unknown-task"),
                fails.err());
        CliRun runs = CliRun.of("solve", "arc", f.toString(), "--unknown-task", "fallback", "--threads", "1");
        assertTrue(runs.code() == 0 || runs.code() == 1, runs.err());
        assertTrue(runs.out().contains("near zero"), runs.out());
    }

    @Test
    void badArcFlagsAreClearErrors() {
        CliRun wrongHead = CliRun.of("solve", "sudoku", "--unknown-task", "fallback", ".".repeat(81));
        assertEquals(2, wrongHead.code());
        assertTrue(wrongHead.err().contains("--unknown-task applies to the arc head only"), wrongHead.err());
        CliRun badValue = CliRun.of("eval", "arc", dir.toString(), "--unknown-task", "maybe");
        assertEquals(2, badValue.code());
        assertTrue(badValue.err().contains("fail or fallback"), badValue.err());
        CliRun dirForSudoku = CliRun.of("eval", "sudoku", dir.toString());
        assertEquals(2, dirForSudoku.code());
        assertTrue(dirForSudoku.err().contains("only the arc head reads a directory"), dirForSudoku.err());
        CliRun fileForArc = CliRun.of("eval", "arc", dir.resolve("6150a2bd.json").toString());
        assertEquals(2, fileForArc.code());
        assertFalse(fileForArc.err().isBlank());
    }
}
