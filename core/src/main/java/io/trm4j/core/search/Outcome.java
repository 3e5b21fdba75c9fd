package io.trm4j.core.search;

import static java.util.Objects.requireNonNull;

/** A strategy's answer: the candidate, what found it ({@code none} = the first run) and how it ended. */
record Outcome<O>(Attempt<O> attempt, String foundBy, String detail) {
    Outcome {
        requireNonNull(attempt, "attempt is null");
        requireNonNull(foundBy, "foundBy is null");
        requireNonNull(detail, "detail is null");
    }

    static <O> Outcome<O> base(Attempt<O> base, String detail) {
        return new Outcome<>(base, SearchSpec.Strategy.NONE.label(), detail);
    }
}
