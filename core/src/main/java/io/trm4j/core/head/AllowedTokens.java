package io.trm4j.core.head;

import io.trm4j.core.model.ModelInfo;

/**
 * A head that says which tokens may stand where in an answer, given what the input fixes. Verified
 * search ({@code io.trm4j.core.search}) draws and commits only allowed tokens, and does not search a
 * position where none is (a Sudoku given, a maze wall). For other heads every token is allowed.
 *
 * @param <I> the puzzle type
 */
public interface AllowedTokens<I> {
    /**
     * Whether {@code token} may stand at {@code position} of the input's (single) row in an answer.
     * Sudoku: a blank cell and a digit no given of its row, column or box holds.
     */
    boolean allows(I input, int position, int token, ModelInfo model);

    /** {@code head}'s rule, or true when the head restricts no token. */
    @SuppressWarnings("unchecked")
    static <I> boolean allowedBy(TaskHead<I, ?> head, I input, int position, int token, ModelInfo model) {
        return !(head instanceof AllowedTokens<?> rule) || ((AllowedTokens<I>) rule).allows(input, position, token, model);
    }
}
