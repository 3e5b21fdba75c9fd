package io.trm4j.heads.arc;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The answer for one test input: the two best grids of the vote ({@code attempt2} repeats
 * {@code attempt1} when only one grid got votes, as the official evaluator pads), or none when no
 * row gave a valid grid.
 *
 * @param candidates every distinct grid, best first
 * @param rows       the augmented rows that voted
 * @param invalid    rows whose prediction held no valid grid
 * @param problem    why there is no attempt ("" when there is one)
 */
public record ArcPrediction(ArcGrid attempt1, ArcGrid attempt2, List<ArcVoting.Candidate> candidates, int rows,
                            int invalid, String problem) {
    public ArcPrediction {
        candidates = List.copyOf(requireNonNull(candidates, "candidates is null"));
        requireNonNull(problem, "problem is null");
    }

    static ArcPrediction of(List<ArcVoting.Candidate> ranked, int rows, int invalid, String lastProblem) {
        if (ranked.isEmpty()) {
            return new ArcPrediction(null, null, ranked, rows, invalid,
                    "no valid grid in any of the " + rows + " augmented predictions (" + lastProblem + ")");
        }
        ArcGrid first = ranked.get(0).grid();
        ArcGrid second = ranked.size() > 1 ? ranked.get(1).grid() : first;
        return new ArcPrediction(first, second, ranked, rows, invalid, "");
    }

    public boolean hasAttempts() {
        return attempt1 != null;
    }

    /** pass@2: whether either attempt equals {@code expected}. */
    public boolean solves(ArcGrid expected) {
        return hasAttempts() && (attempt1.equals(expected) || attempt2.equals(expected));
    }
}
