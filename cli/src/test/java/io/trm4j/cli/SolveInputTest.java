package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How {@code trm solve} reads its inputs: a bare file path, {@code @FILE}, {@code -} or the text itself. */
class SolveInputTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    /** A 4x4 maze: the random-weight fixture's seq_len 16 is a 4x4 canvas. */
    private static final String MAZE = "####\n#S #\n# G#\n####\n";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String model = Fixtures.dir(Fixtures.ATTN).toString();

    @TempDir
    Path tmp;

    @Test
    void aBarePathToAnExistingFileIsReadAsThatFile() throws Exception {
        Path file = tmp.resolve("tokens.txt");
        Files.writeString(file, INPUT + "\n");
        CliRun r = CliRun.of("solve", "--model", model, "--json", "--threads", "1", file.toString(), "@" + file, INPUT);
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length, r.out());
        assertEquals(JSON.readTree(lines[2]).get("answer"), JSON.readTree(lines[0]).get("answer"));
        assertEquals(JSON.readTree(lines[2]).get("answer"), JSON.readTree(lines[1]).get("answer"));
    }

    @Test
    void aMazeFileOfSeveralLinesIsSolvedLikeTheSameMazeOnStdin() throws Exception {
        Path file = tmp.resolve("maze.txt");
        Files.writeString(file, MAZE);
        CliRun fromFile = CliRun.of("solve", "maze", "--model", model, "--json", "--max-steps", "3",
                "--halting", "fixed", "--threads", "1", file.toString());
        assertNotEquals(2, fromFile.code(), fromFile.err()); // random weights: SOLVED or UNSOLVED, not a usage error
        JsonNode json = JSON.readTree(fromFile.out());
        assertEquals(3, json.get("steps").asInt(), fromFile.out());

        CliRun fromStdin = CliRun.withStdin(MAZE, "solve", "maze", "--model", model, "--json", "--max-steps", "3",
                "--halting", "fixed", "--threads", "1", "-");
        assertEquals(fromFile.code(), fromStdin.code(), fromStdin.err());
        assertEquals(json.get("answer"), JSON.readTree(fromStdin.out()).get("answer"));
    }

    @Test
    void theSourceNameIsTheFileNameOfAFileArgumentOnly() throws Exception {
        Path file = tmp.resolve("007bbfb7.json");
        Files.writeString(file, "{}");
        assertEquals("007bbfb7.json", InputText.resolve(file.toString(), stdin("")).fileName());
        assertEquals("007bbfb7.json", InputText.resolve("@" + file, stdin("")).fileName());
        assertEquals(null, InputText.resolve("-", stdin("")).fileName());
        assertEquals(null, InputText.resolve("1 2 3", stdin("")).fileName());
        assertEquals(null, InputText.resolve("{\"terms\": [1, 2, 3]}", stdin("")).fileName());
    }

    @Test
    void aMissingFileIsNamedNotParsed() throws Exception {
        for (String arg : new String[] {"maze.txt", "puzzles/missing", tmp.resolve("nope.json").toString(), "x.CSV"}) {
            CliRun r = CliRun.of("solve", "maze", "--model", model, arg);
            assertEquals(2, r.code(), arg);
            assertEquals("trm: no such file: " + arg, r.err().strip());
        }
        CliRun noModel = CliRun.of("solve", "maze", "maze.txt"); // named before looking for a bundled maze model
        assertEquals("trm: no such file: maze.txt", noModel.err().strip());
        CliRun at = CliRun.of("solve", "--model", model, "@" + tmp.resolve("gone"));
        assertEquals(2, at.code());
        assertEquals("trm: no such file: " + tmp.resolve("gone"), at.err().strip());

        Path dir = Files.createDirectory(tmp.resolve("mazes.txt"));
        CliRun d = CliRun.of("solve", "--model", model, dir.toString());
        assertEquals(2, d.code());
        assertEquals("trm: " + dir + " is a directory, not an input file", d.err().strip());
    }

    @Test
    void textThatIsNoPathStaysPuzzleText() {
        CliRun r = CliRun.of("solve", "--model", model, "1 2 3");
        assertEquals("trm: model 'tiny-attn' takes exactly 16 tokens (seq_len), got 3", r.err().strip());
        assertFalse(InputText.looksLikePath("1 2 3"));
        assertFalse(InputText.looksLikePath("1/2 3/4"));            // a separator with spaces: text
        assertFalse(InputText.looksLikePath("{\"maze\": \"a/b.txt\"}")); // JSON
        assertFalse(InputText.looksLikePath("####\n#S/#\n"));        // several lines
        assertFalse(InputText.looksLikePath("......95....64..7......7.1..38.15..25..87..6..."));
        assertTrue(InputText.looksLikePath("maze.txt"));
        assertTrue(InputText.looksLikePath("data/maze"));
        assertTrue(InputText.looksLikePath("my mazes/maze.json"));  // spaces, but a file ending
        assertEquals(INPUT, InputText.read(INPUT, stdin("")));
        assertEquals("from stdin", InputText.read("-", stdin("from stdin")));
    }

    @Test
    void aFileThatIsNotUtf8IsSaidSo() throws Exception {
        Path file = tmp.resolve("bin.txt");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        io.trm4j.core.TrmException e = assertThrows(io.trm4j.core.TrmException.class,
                () -> InputText.read(file.toString(), stdin("")));
        assertEquals(file + " is not UTF-8 text", e.getMessage());
    }

    private static ByteArrayInputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
