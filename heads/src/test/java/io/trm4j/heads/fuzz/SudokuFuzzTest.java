package io.trm4j.heads.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.sudoku.SudokuHead;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue 8, fuzzing (Jazzer): the Sudoku head's {@code parse} (81 characters, nine lines, the boxed
 * grid, {@code {"puzzle": ...}}, a 9x9 JSON array) of any text, then {@code encode}: a value or a
 * {@code TrmException} with a message, never another exception or a hang. Seeds: one of each form,
 * and deeply nested JSON (the first finding).
 */
class SudokuFuzzTest {
    private static final SudokuHead HEAD = new SudokuHead();
    private static final ModelInfo MODEL = HeadFuzzing.model("sudoku", 81, 11);

    @AfterAll
    static void report() {
        Fuzz.report("SudokuFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"{\"puzzle\": \"", "\"puzzle\"", "------+-------+------", " | ", "[[", "]]", "null", "10"})
    void parse(FuzzedDataProvider data) {
        HeadFuzzing.parseAndEncode(HEAD, MODEL, FuzzInput.text(data));
    }
}
