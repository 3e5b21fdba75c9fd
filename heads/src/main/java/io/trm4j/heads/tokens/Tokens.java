package io.trm4j.heads.tokens;

import io.trm4j.core.head.StructuredAnswer;

import java.util.Arrays;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A sequence of token ids (the {@code tokens} head's input and output). */
public record Tokens(int[] ids) implements StructuredAnswer {
    public Tokens {
        ids = requireNonNull(ids, "ids is null").clone();
    }

    public int size() {
        return ids.length;
    }

    /** {@code ids}: the token ids. */
    @Override
    public Map<String, Object> structured() {
        return Map.of("ids", ids.clone());
    }

    /** Space-separated ids. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(ids.length * 3);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(ids[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tokens t && Arrays.equals(ids, t.ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids);
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }
}
