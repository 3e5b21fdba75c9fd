package io.trm4j.heads.arc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TRM's vote across augmentations (the official evaluator, {@code evaluators/arc.py}): identical
 * predicted grids (already mapped back) are grouped, and groups rank by their number of votes, then
 * by confidence ({@code sigmoid(q_halt)}). The evaluator sorts by {@code [count, mean q]}; for equal
 * counts the summed confidence orders the same way, so ties break on it here. A remaining tie keeps
 * the order in which the grids first appeared.
 */
public final class ArcVoting {
    private ArcVoting() {
    }

    /** One row's prediction in the original frame: a grid, or null when the row gave no valid grid. */
    public record Vote(ArcGrid grid, float confidence) {
    }

    /** A distinct predicted grid with its votes and summed confidence. */
    public record Candidate(ArcGrid grid, int votes, double confidence) {
        public double meanConfidence() {
            return confidence / votes;
        }
    }

    /** The distinct grids, best first; votes without a grid are not counted. */
    public static List<Candidate> rank(List<Vote> votes) {
        Map<ArcGrid, double[]> groups = new LinkedHashMap<>();
        for (Vote v : votes) {
            if (v.grid() != null) {
                double[] g = groups.computeIfAbsent(v.grid(), k -> new double[2]);
                g[0]++;
                g[1] += v.confidence();
            }
        }
        List<Candidate> out = new ArrayList<>(groups.size());
        groups.forEach((grid, g) -> out.add(new Candidate(grid, (int) g[0], g[1])));
        // List.sort is stable: equal keys keep their first-seen order
        out.sort(Comparator.comparingInt(Candidate::votes).thenComparingDouble(Candidate::confidence).reversed());
        return out;
    }
}
