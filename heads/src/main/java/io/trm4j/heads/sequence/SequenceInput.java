package io.trm4j.heads.sequence;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A number sequence to continue: the given terms, how many terms to predict, and optionally the
 * expected terms (then {@link SequenceHead#verify} can check the prediction).
 *
 * @param terms     the given terms, 3 to 12, each {@code |a| < 10^6}
 * @param k         how many terms to predict, 1 to 3
 * @param expected  the expected next terms (at most {@code k}, each {@code |a| < 10^7}), or empty
 * @param modelOnly the model's answer alone, unchecked (no leave-one-out rows, no baseline):
 *                  {@code --model-only}, to compare the model with the combined head
 */
public record SequenceInput(List<Long> terms, int k, List<Long> expected, boolean modelOnly) {
    public static final int MIN_TERMS = 3;
    public static final int MAX_TERMS = 12;
    public static final int MAX_K = 3;
    /** Given terms satisfy {@code |a| < GIVEN_LIMIT}. */
    public static final long GIVEN_LIMIT = 1_000_000L;
    /** Predicted (and expected) terms satisfy {@code |a| < ANSWER_LIMIT}. */
    public static final long ANSWER_LIMIT = 10_000_000L;

    public SequenceInput {
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
        expected = List.copyOf(requireNonNull(expected, "expected is null"));
        if (terms.size() < MIN_TERMS || terms.size() > MAX_TERMS) {
            throw new IllegalArgumentException(MIN_TERMS + " to " + MAX_TERMS + " terms needed, got " + terms.size());
        }
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be 1 to " + MAX_K + ", got " + k);
        }
        if (expected.size() > k) {
            throw new IllegalArgumentException(expected.size() + " expected terms but k is " + k);
        }
        for (long t : terms) {
            if (Math.abs(t) >= GIVEN_LIMIT) {
                throw new IllegalArgumentException("given term " + t + " out of range");
            }
        }
        for (long t : expected) {
            if (Math.abs(t) >= ANSWER_LIMIT) {
                throw new IllegalArgumentException("expected term " + t + " out of range");
            }
        }
    }

    public SequenceInput(List<Long> terms, int k, List<Long> expected) {
        this(terms, k, expected, false);
    }

    /** The same sequence, answered by the model alone ({@code --model-only}). */
    public SequenceInput withModelOnly() {
        return new SequenceInput(terms, k, expected, true);
    }

    /** The given terms, predicting {@code k} terms, nothing expected. */
    public static SequenceInput of(List<Long> terms, int k) {
        return new SequenceInput(terms, k, List.of());
    }

    public boolean hasExpected() {
        return !expected.isEmpty();
    }
}
