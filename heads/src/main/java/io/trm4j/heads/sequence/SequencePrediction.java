package io.trm4j.heads.sequence;

import io.trm4j.core.head.StructuredAnswer;
import io.trm4j.core.head.Verdict;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The answer: the predicted terms in order (some may be invalid: not a number), with the final
 * step's confidence {@code sigmoid(q_halt)} and the supervision steps the row ran, and what backs
 * it ({@link Backing}).
 */
public record SequencePrediction(SequenceInput input, List<PredictedTerm> terms, float confidence, int steps,
                                 Backing backing) implements StructuredAnswer {
    /**
     * Where the answer came from and how it was checked.
     *
     * @param source    {@code model}, {@code baseline} or {@code model+baseline} (both gave it)
     * @param rule      the baseline's rule when the baseline gave the answer, else null
     * @param support   the leave-one-out check of the source ({@link LeaveOneOut}), or null when none was made
     * @param abstained true when no source was supported: the terms are then not numbers
     */
    public record Backing(String source, String rule, Verdict.Support support, boolean abstained) {
        public Backing {
            requireNonNull(source, "source is null");
            if (abstained && support == null) {
                throw new IllegalArgumentException("an abstention says what support the best candidate had");
            }
        }

        static Backing unchecked(String source, String rule) {
            return new Backing(source, rule, null, false);
        }
    }

    public SequencePrediction {
        requireNonNull(input, "input is null");
        terms = List.copyOf(requireNonNull(terms, "terms is null"));
        requireNonNull(backing, "backing is null");
    }

    /** The model's answer, unchecked. */
    public SequencePrediction(SequenceInput input, List<PredictedTerm> terms, float confidence, int steps) {
        this(input, terms, confidence, steps, Backing.unchecked("model", null));
    }

    /** Whether every predicted slot holds a number. */
    public boolean allValid() {
        return terms.stream().allMatch(PredictedTerm::valid);
    }

    /** The predicted terms as numbers, in order; a slot that is not a number is null ({@link #terms()} says why). */
    public List<BigInteger> values() {
        List<BigInteger> out = new ArrayList<>(terms.size());
        terms.forEach(t -> out.add(t.valid() ? BigInteger.valueOf(t.value()) : null));
        return Collections.unmodifiableList(out);
    }

    /** {@code terms}: the numbers (null for a slot that is not one), and {@code all_valid}. */
    @Override
    public Map<String, Object> structured() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("terms", values());
        out.put("all_valid", allValid());
        return out;
    }

    /** {@code 32} or {@code 4, 5}; a slot that is not a number reads {@code ?}. */
    public String compact() {
        return terms.stream().map(PredictedTerm::toString).collect(Collectors.joining(", "));
    }
}
