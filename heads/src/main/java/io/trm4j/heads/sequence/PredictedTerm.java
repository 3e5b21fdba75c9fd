package io.trm4j.heads.sequence;

import static java.util.Objects.requireNonNull;

/**
 * One answer slot as the model filled it: a number, or (when its 9 tokens are not residues that
 * name one integer in range) no number and the reason.
 *
 * @param value   the term; meaningful only when {@link #valid()}
 * @param tokens  the residues the term was read from, e.g. {@code 2%5 4%7 0%8 5%9 10%11 6%13 15%17 13%19 9%23}
 *                (for a slot that is not a number, what the model wrote: {@code .} is pad, {@code ?} and
 *                {@code _} are the mask and empty tokens)
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
