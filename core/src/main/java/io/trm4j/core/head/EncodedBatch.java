package io.trm4j.core.head;

import static java.util.Objects.requireNonNull;

/**
 * Rows of tokens for the loop, with one puzzle id per row (0 when the model has none).
 * Usually one row per input; ARC expands one input into many augmented rows.
 */
public record EncodedBatch(long[][] tokens, long[] puzzleIds) {
    public EncodedBatch {
        requireNonNull(tokens, "tokens is null");
        requireNonNull(puzzleIds, "puzzleIds is null");
        if (tokens.length == 0) {
            throw new IllegalArgumentException("a batch needs at least one row");
        }
        if (tokens.length != puzzleIds.length) {
            throw new IllegalArgumentException(
                    tokens.length + " token rows but " + puzzleIds.length + " puzzle ids");
        }
        int len = requireNonNull(tokens[0], "tokens[0] is null").length;
        for (int i = 1; i < tokens.length; i++) {
            if (requireNonNull(tokens[i], "tokens row is null").length != len) {
                throw new IllegalArgumentException("row " + i + " has " + tokens[i].length
                        + " tokens, row 0 has " + len);
            }
        }
    }

    /** One row, puzzle id 0. */
    public static EncodedBatch of(long[] row) {
        return new EncodedBatch(new long[][] {row}, new long[1]);
    }

    public int rows() {
        return tokens.length;
    }

    /** Each row's tokens and puzzle id, not the arrays' identities. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("EncodedBatch[");
        for (int i = 0; i < tokens.length; i++) {
            b.append(i == 0 ? "" : ", ").append("row ").append(i).append(" (puzzle ").append(puzzleIds[i])
                    .append(")=").append(java.util.Arrays.toString(tokens[i]));
        }
        return b.append(']').toString();
    }
}
