package io.trm4j.heads.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.sequence.SequenceHead;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue 8, fuzzing (Jazzer): the sequence head's {@code parse} (terms with {@code ?} for the ones to
 * predict, {@code {"terms": [...], "k": ...}}) of any text, then {@code encode}; and, when the text
 * is JSON, its JSON-lines {@code evalCase} of the record: a value or a {@code TrmException} with a
 * message, never another exception or a hang. Seeds include the huge term (800,000 digits) that
 * hung the parser (the second finding).
 */
class SequenceFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SequenceHead HEAD = new SequenceHead();
    private static final ModelInfo MODEL = HeadFuzzing.model("sequence", 135, 123);

    @AfterAll
    static void report() {
        Fuzz.report("SequenceFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"\"terms\"", "\"k\"", "\"expected\"", "\"id\"", "\"family\"", ", ?", "-", "1e3", "0.5",
        "123456789012345678901234567890", "null"})
    void parse(FuzzedDataProvider data) {
        String text = FuzzInput.text(data);
        HeadFuzzing.parseAndEncode(HEAD, MODEL, text);
        JsonNode record = readJson(text);
        if (record != null) {
            Fuzz.typedOrValid("sequence evalCase of " + Fuzz.describe(text), () -> HEAD.evalCase(record, "line 1", "g"));
        }
    }

    /** The text as a JSON tree, or null when it is not JSON (evalCase is only given parsed records). */
    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
