package io.trm4j.heads.arc;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArcVotingTest {
    private static final ArcGrid X = ArcGrid.of(1, 1, 1);
    private static final ArcGrid Y = ArcGrid.of(1, 1, 2);
    private static final ArcGrid Z = ArcGrid.of(1, 2, 1, 2);

    @Test
    void groupsIdenticalGridsAndRanksByVotes() {
        List<ArcVoting.Candidate> r = ArcVoting.rank(List.of(
                new ArcVoting.Vote(Y, 0.9f), new ArcVoting.Vote(X, 0.1f), new ArcVoting.Vote(ArcGrid.of(1, 1, 1), 0.2f),
                new ArcVoting.Vote(null, 1f), new ArcVoting.Vote(Z, 0.5f), new ArcVoting.Vote(X, 0.1f)));
        assertEquals(List.of(X, Y, Z), r.stream().map(ArcVoting.Candidate::grid).toList());
        assertEquals(3, r.get(0).votes());
        assertEquals(0.4, r.get(0).confidence(), 1e-6);
        assertEquals(0.4 / 3, r.get(0).meanConfidence(), 1e-6);
    }

    @Test
    void tiesBreakOnConfidenceThenFirstSeen() {
        List<ArcVoting.Candidate> r = ArcVoting.rank(List.of(
                new ArcVoting.Vote(X, 0.25f), new ArcVoting.Vote(Z, 0.125f), new ArcVoting.Vote(Y, 0.375f),
                new ArcVoting.Vote(Y, 0.375f), new ArcVoting.Vote(X, 0.25f), new ArcVoting.Vote(Z, 0.375f)));
        // 2 votes each: Y 0.75, then X and Z 0.5 each (exact in binary): X was seen first
        assertEquals(List.of(Y, X, Z), r.stream().map(ArcVoting.Candidate::grid).toList());
    }

    @Test
    void noValidGridMeansNoCandidates() {
        assertTrue(ArcVoting.rank(List.of(new ArcVoting.Vote(null, 1f))).isEmpty());
        ArcPrediction p = ArcPrediction.of(List.of(), 8, 8, "no valid grid: the top-left cell is pad (0), not a color");
        assertEquals("no valid grid in any of the 8 augmented predictions (no valid grid: the top-left cell is pad "
                + "(0), not a color)", p.problem());
    }
}
