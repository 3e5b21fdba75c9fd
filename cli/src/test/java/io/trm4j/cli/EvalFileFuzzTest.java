package io.trm4j.cli;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sudoku.SudokuHead;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Issue 8, fuzzing (Jazzer): {@link EvalFile#read} of an evaluation file (CSV or JSON lines, read
 * as the sudoku, maze or sequence head reads it, grouped or not) with any bytes, invalid UTF-8 and
 * huge files included: cases, or a {@code TrmException} with a message; never another exception
 * or a hang.
 *
 * <p>Input layout ({@link FuzzedDataProvider} reads numbers from the end): the head (last byte,
 * mod 3), the file name (mod 3), the column to group by (mod 4), then the file's bytes as
 * {@link FuzzInput#bytes} reads them.
 */
class EvalFileFuzzTest {
    private static final TaskHead<?, ?>[] HEADS = {new SudokuHead(), new MazeHead(), new SequenceHead()};
    private static final String[] NAMES = {"cases.csv", "cases.jsonl", "cases.txt"};
    private static final String[] GROUPS = {null, "difficulty_class", "family", "nope"};

    @TempDir
    static Path dir;

    @AfterAll
    static void report() {
        Fuzz.report("EvalFileFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"question,answer", ",difficulty_class", "\"terms\"", "\"id\"", "\"family\"", "\"source\"",
        "\"question\"", "\"answer\"", "\uFEFF", "\"\"", "#S", "G#"})
    void evalFiles(FuzzedDataProvider data) {
        TaskHead<?, ?> head = data.pickValue(HEADS);
        String name = data.pickValue(NAMES);
        String groupBy = data.pickValue(GROUPS);
        byte[] bytes = FuzzInput.bytes(data);
        Path file = dir.resolve(name);
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Fuzz.typedOrValid(head.name() + " eval file " + name + " of " + bytes.length + " bytes",
                () -> EvalFile.read(file, 0, groupBy, head));
    }
}
