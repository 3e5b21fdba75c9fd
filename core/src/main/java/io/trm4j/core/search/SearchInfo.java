package io.trm4j.core.search;

import static java.util.Objects.requireNonNull;

/**
 * What a search spent and how it ended, reported with every answer.
 *
 * @param strategy   the strategy asked for
 * @param foundBy    what produced the answer: {@code none} (the plain first run) or the strategy
 * @param loopRuns   loop runs spent for this input (the first run included; never over the budget)
 * @param steps      supervision steps over all those runs (per row, summed over runs)
 * @param candidates answers decoded and checked (the first run's included)
 * @param verified   whether the verifier accepted the answer ({@code SOLVED})
 * @param detail     how it ended, in words (e.g. {@code "budget spent"}, {@code "5 of 8 runs agree"})
 */
public record SearchInfo(SearchSpec.Strategy strategy, String foundBy, int loopRuns, long steps, int candidates,
                         boolean verified, String detail) {
    public SearchInfo {
        requireNonNull(strategy, "strategy is null");
        requireNonNull(foundBy, "foundBy is null");
        requireNonNull(detail, "detail is null");
        if (loopRuns < 1) {
            throw new IllegalArgumentException("loop runs must be >= 1, got " + loopRuns);
        }
    }

    /** The plain loop (no search): one run of {@code steps} steps. */
    public static SearchInfo none(int steps, boolean verified) {
        return new SearchInfo(SearchSpec.Strategy.NONE, SearchSpec.Strategy.NONE.label(), 1, steps, 1, verified, "");
    }
}
