package io.trm4j.spark;

import static java.util.Objects.requireNonNull;

/** One row of tokens the loop runs as it is, with its puzzle id (one augmented ARC row). */
public record EncodedRow(long[] tokens, long puzzleId) {
    public EncodedRow {
        requireNonNull(tokens, "tokens is null");
    }
}
