package io.trm4j.heads.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.arc.ArcHead;
import org.junit.jupiter.api.AfterAll;

import java.util.Map;

/**
 * Issue 8, fuzzing (Jazzer): the ARC head's {@code parse} of any text (seeded with ARC task files:
 * {@code train}/{@code test} pairs of grids, with and without an {@code id}), then {@code encode}
 * against a 30x30 model that knows one task id: a value or a {@code TrmException} with a message,
 * never another exception or a hang.
 */
class ArcFuzzTest {
    private static final ArcHead HEAD = new ArcHead();
    private static final ModelInfo MODEL = HeadFuzzing.model("arc", 900, 12, Map.of("<blank>", 0L, "007bbfb7", 1L));

    @AfterAll
    static void report() {
        Fuzz.report("ArcFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"train\"", "\"test\"", "\"input\"", "\"output\"", "\"id\"", "\"007bbfb7\"", "[[", "]]",
        "[]", "10", "-1", "30", "31"})
    void parse(FuzzedDataProvider data) {
        HeadFuzzing.parseAndEncode(HEAD, MODEL, FuzzInput.text(data));
    }
}
