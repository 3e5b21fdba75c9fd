package io.trm4j.heads.sequence;

import static java.util.Objects.requireNonNull;

/**
 * One answer slot as the model filled it: a number, or (when its 8 tokens are not a sign and 7
 * digits) no number and the reason.
 *
 * @param value   the term; meaningful only when {@link #valid()}
 * @param tokens  the slot's predicted tokens as text, e.g. {@code +0000032} or {@code +00?0_12}
 *                ({@code .} is pad)
 * @param problem why the slot is not a number, or null when it is one
 */
public record PredictedTerm(long value, String tokens, String problem) {
    public PredictedTerm {
        requireNonNull(tokens, "tokens is null");
    }

    public static PredictedTerm number(long value, String tokens) {
        return new PredictedTerm(value, tokens, null);
    }

    public static PredictedTerm invalid(String tokens, String problem) {
        return new PredictedTerm(0, tokens, requireNonNull(problem, "problem is null"));
    }

    public boolean valid() {
        return problem == null;
    }

    /** The number, or {@code ?} for a slot that is not one. */
    @Override
    public String toString() {
        return valid() ? Long.toString(value) : "?";
    }
}
