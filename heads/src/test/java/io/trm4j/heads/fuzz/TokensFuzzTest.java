package io.trm4j.heads.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.core.testing.FuzzInput;
import io.trm4j.heads.tokens.TokensHead;
import org.junit.jupiter.api.AfterAll;

/**
 * Issue 8, fuzzing (Jazzer): the tokens head's {@code parse} (ids separated by spaces or commas, a
 * JSON array) of any text, then {@code encode} against a model of 8 positions and 12 tokens: a value
 * or a {@code TrmException} with a message, never another exception or a hang.
 */
class TokensFuzzTest {
    private static final TokensHead HEAD = new TokensHead();
    private static final ModelInfo MODEL = HeadFuzzing.model("tokens", 8, 12);

    @AfterAll
    static void report() {
        Fuzz.report("TokensFuzzTest");
    }

    @FuzzTest(maxDuration = "60s")
    @DictionaryEntries({"[", "]", ", ", "11", "12", "-1", "2147483648", "9223372036854775808"})
    void parse(FuzzedDataProvider data) {
        HeadFuzzing.parseAndEncode(HEAD, MODEL, FuzzInput.text(data));
    }
}
