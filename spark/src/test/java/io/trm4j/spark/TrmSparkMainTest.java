package io.trm4j.spark;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The spark-submit main, end to end on a local[2] master. */
class TrmSparkMainTest {
    @AfterAll
    static void close() {
        ExecutorReasoners.closeAll();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TrmSparkMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void solvesACsvAndWritesJsonLinesWithASummary(@TempDir Path tmp) throws IOException {
        Path output = tmp.resolve("out.json");
        Run r = run("--master", "local[2]", "--head", "sudoku", "--input", "src/test/resources/sudoku_sample.csv",
                "--output", output.toString(), "--max-steps", "2", "--threads", "1", "--batch", "5",
                "--id-column", "source", "--keep", "difficulty_class");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("model sudoku, head sudoku\n12 rows in "), r.out());
        assertTrue(r.out().contains("errors 2"), r.out());
        assertTrue(r.out().contains("exact ") && r.out().contains("/10 "), r.out()); // answer column: 10 labelled
        List<String> lines;
        try (Stream<Path> files = Files.list(output)) {
            lines = files.filter(p -> p.getFileName().toString().startsWith("part-"))
                    .flatMap(p -> {
                        try {
                            return Files.readAllLines(p).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
        assertEquals(12, lines.size());
        assertEquals(2, lines.stream().filter(l -> l.contains("\"error\"")).count());
        assertTrue(lines.stream().allMatch(l -> l.contains("\"difficulty_class\"")), lines.get(0));
    }

    @Test
    void badUsageFailsWithOneLine() {
        Run r = run("--master", "local[2]", "--head", "sudoku", "--input", "src/test/resources/sudoku_sample.csv",
                "--output", "unused.json", "--column", "nope");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("trm4j-spark: no puzzle column 'nope' in the input"), r.err());
        assertEquals(2, run("--head", "sudoku").code()); // --input and --output are required
        r = run("--master", "local[2]", "--head", "tokens", "--input", "src/test/resources/arc", "--output", "unused.json");
        assertEquals(2, r.code()); // no bundled model for the tokens head
        assertTrue(r.err().startsWith("trm4j-spark: ") && r.err().strip().lines().count() == 1, r.err());
        assertTrue(r.err().contains("tokens"), r.err());
    }
}
