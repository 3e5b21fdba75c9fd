package io.trm4j.heads.sequence;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The answer: the predicted terms in order (some may be invalid: not a number), with the final
 * step's confidence {@code sigmoid(q_halt)} and the supervision steps the row ran.
 */
public record SequencePrediction(SequenceInput input, List<PredictedTerm> terms, float confidence, int steps) {
    public SequencePrediction {
        requireNonNull(input, "input is null");
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
    }

    /** Whether every predicted slot holds a number. */
    public boolean allValid() {
        return terms.stream().allMatch(PredictedTerm::valid);
    }

    /** {@code 32} or {@code 4, 5}; a slot that is not a number reads {@code ?}. */
    public String compact() {
        return terms.stream().map(PredictedTerm::toString).collect(Collectors.joining(", "));
    }
}
