package io.trm4j.core.model;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue 8, fuzzing (Jazzer): {@link ManifestReader#parse} given any bytes, seeded with the
 * fixtures' manifests and the past findings, plus huge and deeply nested JSON (the big form of
 * {@link FuzzInput}): a manifest, or a {@code TrmException} with a message; never another exception
 * or a hang.
 */
class ManifestReaderFuzzTest {
    @AfterAll
    static void report() {
        Fuzz.report("ManifestReaderFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"format_version\"", "\"name\"", "\"head\"", "\"arch\"", "\"variant\"", "\"seq_len\"",
        "\"state_len\"", "\"hidden_size\"", "\"vocab_size\"", "\"vocab\"", "\"max_steps\"", "\"halting\"",
        "\"policy\"", "\"cell\"", "\"init\"", "\"variants\"", "\"puzzle_ids\"", "\"puzzle_table\"",
        "\"identifiers\"", "\"identifiers_sha256\"", "\"cell_sha256\"", "\"attention\"", "\"mlp_t\"", "2147483648", "-1",
        "1e308", "\"..\"", "\"\\u0000\"", "null"})
    void parse(FuzzedDataProvider data) {
        byte[] bytes = FuzzInput.bytes(data);
        Fuzz.typedOrValid("parse of " + bytes.length + " bytes",
                () -> ManifestReader.parse(bytes, "fuzz/manifest.json"));
    }
}
