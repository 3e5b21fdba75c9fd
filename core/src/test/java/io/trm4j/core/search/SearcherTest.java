package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.InitState;
import io.trm4j.core.search.LatinHead.Grid;
import io.trm4j.core.search.SearchSpec.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The strategies against scripted models on small Latin squares: budget, gating, back-off, determinism. */
class SearcherTest {
    /** 2x2 Latin square; the solution with cell 0 = 1 is [1,2,2,1]. */
    private static final Grid BLANK2 = new Grid(2, new int[4]);
    private static final InitState INIT = new InitState(new float[] {1f, -1f}, new float[] {0.5f, 0.5f});

    private static Reasoning<Grid> search(LatinHead head, ScriptedModel m, Grid input, SearchSpec spec) {
        return head.search(m, input, spec, INIT);
    }

    /** Unsure on every blank: the argmax (token 1 everywhere) breaks the rules; 0.45 on the right one. */
    private static double[][] unsure(long[] tokens, InitState init) {
        int[] solution = {1, 2, 2, 1};
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            p[i] = tokens[i] != 0 ? ScriptedModel.sure(2, (int) tokens[i], 1) : ScriptedModel.sure(2, 1, 0.55);
            if (tokens[i] == 0 && solution[i] == 1) {
                p[i] = ScriptedModel.sure(2, 1, 0.55);
            }
        }
        return p;
    }

    @Test
    void sampleFindsAVerifiedDrawWithoutExtraLoopRuns() {
        ScriptedModel m = new ScriptedModel(SearcherTest::unsure);
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.RULES, false), m, BLANK2,
                SearchSpec.of(Strategy.SAMPLE).budget(2).topP(1.0).seed(7));
        assertTrue(r.solved());
        assertEquals(Verdict.Status.SOLVED, r.verdict().status());
        assertEquals(1, m.runs.size());
        assertEquals(1, r.search().loopRuns());
        assertEquals("sample", r.search().foundBy());
        assertTrue(r.search().verified());
        assertTrue(r.search().candidates() >= 2, r.search().toString());
    }

    @Test
    void sameSeedSameAnswerAndCostOtherSeedsMayDiffer() {
        SearchSpec spec = SearchSpec.of(Strategy.SAMPLE).budget(1).topP(1.0).seed(42);
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, false);
        Reasoning<Grid> a = search(head, new ScriptedModel(SearcherTest::unsure), BLANK2, spec);
        Reasoning<Grid> b = search(head, new ScriptedModel(SearcherTest::unsure), BLANK2, spec);
        assertEquals(a.answer(), b.answer());
        assertEquals(a.search(), b.search());
        // restarts: the perturbed init decides the answer, so the seed fixes it
        BiFunction<long[], InitState, double[][]> byInit = (tokens, init) -> {
            double[][] p = new double[4][];
            int first = init.y()[0] > 1f ? 1 : 2;
            int[] sol = first == 1 ? new int[] {1, 2, 2, 1} : new int[] {2, 1, 1, 2};
            for (int i = 0; i < 4; i++) {
                p[i] = ScriptedModel.sure(2, init == INIT ? 1 : sol[i], 0.9);
            }
            return p;
        };
        SearchSpec restarts = SearchSpec.of(Strategy.RESTARTS).budget(3).seed(5);
        Reasoning<Grid> c = search(head, new ScriptedModel(byInit), BLANK2, restarts);
        Reasoning<Grid> d = search(head, new ScriptedModel(byInit), BLANK2, restarts);
        assertTrue(c.solved());
        assertEquals(c.answer(), d.answer());
        assertEquals(c.search(), d.search());
        assertEquals(2, c.search().loopRuns());
        boolean differs = false;
        for (long seed = 0; seed < 20 && !differs; seed++) {
            differs = !search(head, new ScriptedModel(byInit), BLANK2, restarts.seed(seed)).answer().equals(c.answer());
        }
        assertTrue(differs, "some seed should give the other solution");
    }

    @Test
    void neverMoreLoopRunsThanTheBudget() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.NEVER, true);
        for (Strategy s : List.of(Strategy.SAMPLE, Strategy.FILL, Strategy.RESTARTS, Strategy.CONSENSUS)) {
            for (int budget : new int[] {1, 2, 4, 8, 16}) {
                ScriptedModel m = new ScriptedModel(SearcherTest::unsure);
                Grid big = new Grid(4, new int[16]);
                Reasoning<Grid> r = search(head, new ScriptedModel((t, i) -> uniform(16, 4)), big,
                        SearchSpec.of(s).budget(budget));
                assertTrue(r.search().loopRuns() <= budget, s + " " + budget + ": " + r.search());
                assertFalse(r.solved());
                if (s == Strategy.RESTARTS || s == Strategy.CONSENSUS) {
                    assertEquals(budget, r.search().loopRuns());
                }
                if (s == Strategy.SAMPLE) {
                    assertEquals(1, r.search().loopRuns());
                    assertTrue(r.search().candidates() <= 1 + SearchSpec.DRAWS_PER_RUN * budget);
                }
                Reasoning<Grid> small = search(head, m, BLANK2, SearchSpec.of(s).budget(budget));
                assertTrue(m.runs.size() <= budget, s + " " + budget);
                assertEquals(m.runs.size(), small.search().loopRuns());
            }
        }
    }

    @Test
    void anUnverifiedCandidateIsNeverReportedSolved() {
        for (Strategy s : List.of(Strategy.SAMPLE, Strategy.FILL, Strategy.RESTARTS, Strategy.CONSENSUS)) {
            Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.NEVER, true),
                    new ScriptedModel(SearcherTest::unsure), BLANK2, SearchSpec.of(s).budget(8));
            assertFalse(r.solved(), s.label());
            assertFalse(r.search().verified(), s.label());
            assertEquals(Verdict.Status.UNSOLVED, r.verdict().status());
            assertEquals("none", r.search().foundBy(), "the first run's answer comes back: " + s);
        }
    }

    @Test
    void restartsWithoutAVerifierVoteAndStayUnverified() {
        // run 1 answers [1,1,1,1], runs 2 and 3 answer [2,1,1,2]: the latter wins 2 to 1
        ScriptedModel model = firstThen(new int[] {1, 1, 1, 1}, new int[] {2, 1, 1, 2});
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.NONE, false), model, BLANK2,
                SearchSpec.of(Strategy.RESTARTS).budget(3));
        assertArrayEquals(new int[] {2, 1, 1, 2}, r.answer().cells());
        assertEquals(Verdict.Status.UNVERIFIED, r.verdict().status());
        assertFalse(r.search().verified());
        assertEquals("2 of 3 runs agree", r.search().detail());
        assertEquals("restarts", r.search().foundBy());
    }

    @Test
    void anAnswerTheHeadRejectsGetsNoVote() {
        // run 1 keeps the rules (unverified); runs 2 and 3 agree on a grid that breaks them (unsolved)
        ScriptedModel model = firstThen(new int[] {1, 2, 2, 1}, new int[] {1, 1, 1, 1});
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.PLAUSIBLE, false), model, BLANK2,
                SearchSpec.of(Strategy.RESTARTS).budget(3));
        assertArrayEquals(new int[] {1, 2, 2, 1}, r.answer().cells());
        assertEquals(Verdict.Status.UNVERIFIED, r.verdict().status());
        assertEquals("1 of 3 runs agree", r.search().detail());
    }

    @Test
    void fillFindsAContradictionWithoutSpendingARunAndBacksOff() {
        // 3x3 with r1c2 and r1c3 both forced to 3 by their columns: committing one leaves the other
        // nothing (a contradiction, found by the rules, no run spent); the first cell has no other
        // token, so the search backs out of the root and stops, the first answer unverified.
        Grid input = new Grid(3, new int[] {0, 0, 0, 0, 1, 2, 0, 2, 1});
        ScriptedModel m = new ScriptedModel((tokens, init) -> {
            double[][] p = new double[9][];
            for (int i = 0; i < 9; i++) {
                p[i] = tokens[i] != 0 ? ScriptedModel.sure(3, (int) tokens[i], 1) : ScriptedModel.sure(3, 3, 0.6);
            }
            return p;
        });
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.RULES, true), m, input,
                SearchSpec.of(Strategy.FILL).budget(8));
        assertFalse(r.solved());
        assertEquals(1, m.runs.size(), "the contradiction cost no run");
        assertEquals(1, r.search().loopRuns());
        assertEquals("search space exhausted: up to 0 cells committed, 1 contradictions", r.search().detail());
        assertEquals("none", r.search().foundBy());
    }

    @Test
    void fillBacksOutOfASubtreeAndTriesTheNextToken() {
        // The model prefers 2 at cell 0, and everything under that choice fails the verifier (only
        // [1,2,2,1] is accepted); given cell 0 = 1 it answers right.
        BiFunction<long[], InitState, double[][]> model = (tokens, init) -> {
            double[][] p = new double[4][];
            int[] sol = {1, 2, 2, 1};
            for (int i = 0; i < 4; i++) {
                p[i] = tokens[i] != 0 ? ScriptedModel.sure(2, (int) tokens[i], 1)
                        : tokens[0] == 1 ? ScriptedModel.sure(2, sol[i], 0.9)
                        : ScriptedModel.sure(2, i == 0 ? 2 : 1, 0.8);
            }
            return p;
        };
        LatinHead head = LatinHead.of(LatinHead.Verifier.TARGET, true);
        ScriptedModel small = new ScriptedModel(model);
        Reasoning<Grid> spent = search(head, small, BLANK2, SearchSpec.of(Strategy.FILL).budget(3));
        assertFalse(spent.solved());
        assertEquals(3, small.runs.size());
        assertEquals("none", spent.search().foundBy());
        assertTrue(spent.search().detail().startsWith("budget spent"), spent.search().detail());

        ScriptedModel m = new ScriptedModel(model);
        Reasoning<Grid> r = search(head, m, BLANK2, SearchSpec.of(Strategy.FILL).budget(16));
        assertTrue(r.solved(), r.search().toString());
        assertArrayEquals(new int[] {1, 2, 2, 1}, r.answer().cells());
        assertEquals(2, m.runs.get(1)[0], "first commitment: the model's choice");
        assertArrayEquals(new long[] {1, 0, 0, 0}, m.runs.get(m.runs.size() - 1), "then the next token");
        assertEquals(m.runs.size(), r.search().loopRuns());
        assertTrue(r.search().loopRuns() <= 16);
    }

    @Test
    void fillOnAHeadThatCannotCommitFailsClearly() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, false);
        Searcher<Grid, Grid> s = new Searcher<>(head, LatinHead.model(2), new ScriptedModel(SearcherTest::unsure), INIT);
        TrmException e = assertThrows(TrmException.class,
                () -> s.search(BLANK2, head.encode(BLANK2, LatinHead.model(2)), SearchSpec.of(Strategy.FILL)));
        assertTrue(e.getMessage().contains("'fill' does not apply to the latin head"), e.getMessage());
        TrmException rows = assertThrows(TrmException.class, () -> s.check(SearchSpec.of(Strategy.SAMPLE),
                new EncodedBatch(new long[2][4], new long[2])));
        assertTrue(rows.getMessage().contains("needs one row per input"), rows.getMessage());
    }

    @Test
    void aFirstRunTheVerifierAcceptsCostsOneRun() {
        BiFunction<long[], InitState, double[][]> right = (tokens, init) -> {
            int[] sol = {1, 2, 2, 1};
            double[][] p = new double[4][];
            for (int i = 0; i < 4; i++) {
                p[i] = ScriptedModel.sure(2, sol[i], 0.9);
            }
            return p;
        };
        for (Strategy s : List.of(Strategy.SAMPLE, Strategy.FILL, Strategy.RESTARTS, Strategy.CONSENSUS)) {
            ScriptedModel m = new ScriptedModel(right);
            Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.RULES, true), m, BLANK2,
                    SearchSpec.of(s).budget(8));
            assertTrue(r.solved());
            assertEquals(1, m.runs.size());
            assertEquals(new SearchInfo(s, "none", 1, ScriptedModel.STEPS, 1, true, "the first run was verified"),
                    r.search());
        }
    }

    @Test
    void specValidatesItsKnobs() {
        assertEquals(Strategy.FILL, Strategy.parse(" Fill "));
        assertEquals(Strategy.CONSENSUS, Strategy.parse("CONSENSUS"));
        assertEquals("unknown search 'beam' (known: none, sample, fill, restarts, augment, consensus)",
                assertThrows(TrmException.class, () -> Strategy.parse("beam")).getMessage());
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.FILL).budget(0));
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.SAMPLE).temperature(0));
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.SAMPLE).topP(1.5));
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.RESTARTS).noise(-1));
        assertNotEquals(SearchSpec.none(), SearchSpec.of(Strategy.RESTARTS));
    }

    private static double[][] uniform(int cells, int n) {
        double[][] p = new double[cells][];
        for (int i = 0; i < cells; i++) {
            p[i] = ScriptedModel.sure(n, 1 + i % n, 1.0 / n + 0.01);
        }
        return p;
    }

    /** A 2x2 model sure (0.9) of {@code first} on its first run and of {@code later} on every run after. */
    private static ScriptedModel firstThen(int[] first, int[] later) {
        int[] calls = {0};
        return new ScriptedModel((tokens, init) -> {
            int[] sol = calls[0]++ == 0 ? first : later;
            double[][] p = new double[sol.length][];
            for (int i = 0; i < sol.length; i++) {
                p[i] = ScriptedModel.sure(2, sol[i], 0.9);
            }
            return p;
        });
    }
}
