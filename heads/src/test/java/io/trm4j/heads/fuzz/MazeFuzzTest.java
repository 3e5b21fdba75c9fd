package io.trm4j.heads.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.maze.MazeHead;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue 8, fuzzing (Jazzer): the maze head's {@code parse} (grid lines, one flat line,
 * {@code {"maze": ..., "width": ...}}, {@code {"grid": [...]}}, a JSON array of rows, a solved maze)
 * of any text, then {@code encode}: a value or a {@code TrmException} with a message, never another
 * exception or a hang.
 */
class MazeFuzzTest {
    private static final MazeHead HEAD = new MazeHead();
    private static final ModelInfo MODEL = HeadFuzzing.model("maze", 25, 6);

    @AfterAll
    static void report() {
        Fuzz.report("MazeFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"maze\"", "\"grid\"", "\"width\"", "#####", "#S", "G#", "o", "2147483648", "-1"})
    void parse(FuzzedDataProvider data) {
        HeadFuzzing.parseAndEncode(HEAD, MODEL, FuzzInput.text(data));
    }
}
