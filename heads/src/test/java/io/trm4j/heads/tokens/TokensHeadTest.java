package io.trm4j.heads.tokens;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokensHeadTest {
    private final TokensHead head = new TokensHead();
    private final ModelInfo model = ModelLoader.load(Fixtures.dir(Fixtures.ATTN)).info();

    @Test
    void parsesSpacesCommasAndJsonArrays() {
        assertArrayEquals(new int[] {1, 2, 3}, head.parse(" 1 2\n3 ").ids());
        assertArrayEquals(new int[] {1, 2, 3}, head.parse("1,2, 3").ids());
        assertArrayEquals(new int[] {1, 2, 3}, head.parse("[1, 2, 3]").ids());
    }

    @Test
    void namesPositionsByTheirIndex() {
        assertEquals("0", head.positionName(0, model));
        assertEquals("15", head.positionName(15, model));
    }

    @Test
    void badTokensNameThePosition() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> head.parse("1 2 x3"));
        assertEquals("token 3 at character 5 is 'x3', not an integer token id", e.getMessage());
        assertThrows(InvalidInputException.class, () -> head.parse("1 -2"));
        assertThrows(InvalidInputException.class, () -> head.parse("  "));
    }

    @Test
    void encodeChecksLengthAndVocabulary() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> head.encode(head.parse("1 2 3"), model));
        assertEquals("model 'tiny-attn' takes exactly 16 tokens (seq_len), got 3", e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> head.encode(head.parse("1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 9"), model));
        assertEquals("token 16 is 9, outside the vocabulary 0..7 of model 'tiny-attn'", e.getMessage());
        EncodedBatch b = head.encode(head.parse("1 2 3 4 5 6 7 0 1 2 3 4 5 6 7 0"), model);
        assertEquals(1, b.rows());
        assertEquals(7, b.tokens()[0][6]);
        assertEquals(0, b.puzzleIds()[0]);
    }

    @Test
    void rendersAndNeverVerifies() {
        Tokens t = new Tokens(new int[] {3, 1, 4});
        assertEquals("3 1 4", head.render(t, RenderStyle.COMPACT));
        assertEquals(Verdict.Status.UNVERIFIED, head.verify(t, t).status());
        assertEquals(head.parse("3 1 4"), t);
    }
}
