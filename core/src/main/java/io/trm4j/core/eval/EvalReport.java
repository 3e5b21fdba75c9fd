package io.trm4j.core.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What an evaluation measured.
 *
 * @param n             puzzles evaluated (parsed and run)
 * @param exact         share of answers equal to the expected answer
 * @param verified      share of answers the head's verifier accepted (SOLVED)
 * @param falseSolved   answers the verifier accepted although they differ from the expected one
 * @param meanSteps     mean supervision steps used
 * @param puzzlesPerS   puzzles per second of wall time (parsing to verdict)
 * @param invalid       inputs the head rejected (not counted in n), with their first error
 * @param perGroup      the same figures per group, in first-seen order
 * @param cost          loop runs, steps over all runs and time per puzzle (what a search spent)
 * @param abstained     share of puzzles the head declined to answer (verdict {@code ABSTAINED}); the
 *                      rest that are not exact ({@link #wrong}) were answered wrongly
 */
public record EvalReport(int n, double exact, double verified, int falseSolved, double meanSteps, double puzzlesPerS,
                         int invalid, String firstInvalid, Map<String, GroupStats> perGroup, Cost cost,
                         double abstained) {
    public EvalReport {
        perGroup = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(perGroup, "perGroup is null")));
    }

    /** A report of a head that always answers (nothing abstained). */
    public EvalReport(int n, double exact, double verified, int falseSolved, double meanSteps, double puzzlesPerS,
                      int invalid, String firstInvalid, Map<String, GroupStats> perGroup, Cost cost) {
        this(n, exact, verified, falseSolved, meanSteps, puzzlesPerS, invalid, firstInvalid, perGroup, cost, 0);
    }

    /** Share of puzzles answered, and answered wrong: neither exact nor abstained. */
    public double wrong() {
        return Math.max(0, 1 - exact - abstained);
    }

    /** Figures for one group. */
    public record GroupStats(int n, double exact, double verified, double meanSteps, Cost cost, double abstained) {
        /** Figures of a group where nothing was abstained. */
        public GroupStats(int n, double exact, double verified, double meanSteps, Cost cost) {
            this(n, exact, verified, meanSteps, cost, 0);
        }
    }

    /**
     * What the puzzles cost.
     *
     * @param meanLoopRuns loop runs per puzzle (1 without search)
     * @param meanAllSteps supervision steps per puzzle over all its loop runs
     * @param meanMs       wall time per puzzle: its own search, or without search its batch's time
     *                     divided by the batch size ({@code --batch 1} times each puzzle alone)
     * @param p95Ms        95th percentile of that time (nearest rank)
     */
    public record Cost(double meanLoopRuns, double meanAllSteps, double meanMs, double p95Ms) {
        /** The cost of puzzles that took {@code millis} each (all zero when there are none). */
        public static Cost of(double meanLoopRuns, double meanAllSteps, List<Double> millis) {
            if (millis.isEmpty()) {
                return new Cost(0, 0, 0, 0);
            }
            List<Double> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            double sum = 0;
            for (double m : sorted) {
                sum += m;
            }
            int rank = (int) Math.ceil(0.95 * sorted.size()); // nearest rank, 1-based
            return new Cost(meanLoopRuns, meanAllSteps, sum / sorted.size(), sorted.get(Math.max(0, rank - 1)));
        }
    }
}
