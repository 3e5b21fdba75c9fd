package io.trm4j.core.config;

import io.trm4j.core.TrmException;

import static java.util.Objects.requireNonNull;

/**
 * An inclusive integer range and what it bounds. The one place a numeric setting is checked: the
 * settings table parses text with it, and the options builders check typed values with it.
 *
 * @param what the value's name in messages, e.g. {@code "max steps"}
 */
public record Limit(String what, int min, int max) {
    public Limit {
        requireNonNull(what, "what is null");
        if (min > max) {
            throw new IllegalArgumentException(what + ": min " + min + " > max " + max);
        }
    }

    /** {@code value} when in range, else a {@link TrmException} naming the value and the range. */
    public int check(int value) {
        if (value < min || value > max) {
            throw new TrmException(what + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Like {@link #check(int)}; null (unset) passes. */
    public Integer checkNullable(Integer value) {
        return value == null ? null : check(value);
    }

    /** The parsed value of {@code raw}; throws {@link IllegalArgumentException} saying what is wrong. */
    int parse(String raw) {
        int v;
        try {
            v = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an integer");
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException("must be in " + min + ".." + max);
        }
        return v;
    }
}
