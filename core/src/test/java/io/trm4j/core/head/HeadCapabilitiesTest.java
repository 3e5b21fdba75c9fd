package io.trm4j.core.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional head capabilities: what a head without one gets, and that one with it is asked. */
class HeadCapabilitiesTest {
    private static final ModelInfo MODEL = new ModelInfo("m", "plain", "", "mlp_t", 0, List.of(), 4, 4, 2, 3, 4,
            Map.of(), "test");

    /** A head that only has what every head has: input and answer are the text itself. */
    private static class Plain implements TaskHead<String, String> {
        @Override
        public String name() {
            return "plain";
        }

        @Override
        public String parse(String text) {
            return text;
        }

        @Override
        public EncodedBatch encode(String input, ModelInfo model) {
            return EncodedBatch.of(new long[] {0});
        }

        @Override
        public String decode(String input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
            return input;
        }

        @Override
        public Verdict verify(String input, String output) {
            return Verdict.unverified("none");
        }

        @Override
        public String render(String output, RenderStyle style) {
            return output;
        }
    }

    /** The same head with every capability: answers match case-blind, only token 1 is allowed, and so on. */
    private static final class Capable extends Plain implements ExpectedAnswers<String, String>, AllowedTokens<String>,
            SourceNamedInputs<String>, JsonLinesEvalCases {
        @Override
        public boolean matchesExpected(String input, String output, String expected) {
            return output.equalsIgnoreCase(expected);
        }

        @Override
        public boolean allows(String input, int position, int token, ModelInfo model) {
            return token == 1;
        }

        @Override
        public String withSourceName(String input, String fileName) {
            return fileName + ":" + input;
        }

        @Override
        public EvalCase evalCase(JsonNode record, String where, String group) {
            return new EvalCase(where, record.get("q").asText(), record.get("a").asText(), group);
        }
    }

    @Test
    void withoutACapabilityTheDefaultsHold() {
        Plain plain = new Plain();
        assertTrue(ExpectedAnswers.matches(plain, "x", "abc", " abc\n"), "compact renderings, whitespace ignored");
        assertFalse(ExpectedAnswers.matches(plain, "x", "abc", "ABC"));
        assertTrue(AllowedTokens.allowedBy(plain, "x", 0, 3, MODEL), "every token everywhere");
        assertEquals("x", SourceNamedInputs.withSourceName(plain, "x", "f.txt"));
        TrmException e = assertThrows(TrmException.class, () -> JsonLinesEvalCases.of(plain));
        assertEquals("the plain head reads CSV evaluation files only (question,answer columns), not JSON lines",
                e.getMessage());
        assertThrows(IllegalStateException.class, () -> CommitCells.of(plain));
        assertThrows(IllegalStateException.class, () -> SymmetricVariants.of(plain));
    }

    @Test
    void aHeadWithTheCapabilityIsAsked() {
        Capable capable = new Capable();
        assertTrue(ExpectedAnswers.matches(capable, "x", "abc", "ABC"));
        assertFalse(AllowedTokens.allowedBy(capable, "x", 0, 3, MODEL));
        assertTrue(AllowedTokens.allowedBy(capable, "x", 0, 1, MODEL));
        assertEquals("f.txt:x", SourceNamedInputs.withSourceName(capable, "x", "f.txt"));
        assertSame(capable, JsonLinesEvalCases.of(capable));
        EvalCase c = JsonLinesEvalCases.of(capable).evalCase(
                JsonNodeFactory.instance.objectNode().put("q", "1").put("a", "2"), "f:1", "g");
        assertEquals(new EvalCase("f:1", "1", "2", "g"), c);
    }
}
