package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.InitState;
import io.trm4j.core.search.LatinHead.Grid;
import io.trm4j.core.search.SearchSpec.Strategy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Search {@code augment} (re-runs on symmetric variants) and the step budget, against scripted models. */
class AugmentSearchTest {
    private static final InitState INIT = new InitState(new float[] {1f, -1f}, new float[] {0.5f, 0.5f});
    /** A 2x2 square with a 1 given in cell 0: its only solution is [1,2,2,1]. */
    private static final Grid ONE_GIVEN = new Grid(2, new int[] {1, 0, 0, 0});

    /**
     * A model that fails on the puzzle as given but solves its relabelled variant: shown a 2 in
     * cell 0 it answers the variant's solution [2,1,1,2]; shown a 1 it answers 1 everywhere.
     */
    private static double[][] solvesOnlyTheRelabelled(long[] tokens, InitState init) {
        int[] answer = tokens[0] == 2 ? new int[] {2, 1, 1, 2} : new int[] {1, 1, 1, 1};
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            p[i] = ScriptedModel.sure(2, answer[i], 0.9);
        }
        return p;
    }

    @Test
    void augmentSolvesAVariantAndAnswersInTheOriginalFrame() {
        ScriptedModel m = new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled);
        Reasoning<Grid> r = LatinHead.of(LatinHead.Verifier.RULES, false, true)
                .search(m, ONE_GIVEN, SearchSpec.of(Strategy.AUGMENT).budget(16).seed(3), INIT);
        assertTrue(r.solved(), r.search().toString());
        assertArrayEquals(new int[] {1, 2, 2, 1}, r.answer().cells(), "mapped back, not the variant's [2,1,1,2]");
        assertEquals("augment", r.search().foundBy());
        assertTrue(r.search().loopRuns() >= 2);
        assertEquals(1, m.runs.get(0)[0], "the first run is the puzzle as given");
        assertEquals(2, m.runs.get(m.runs.size() - 1)[0], "the winning run saw the relabelled variant");
        // the restarts of the puzzle as given never get there
        Reasoning<Grid> plain = LatinHead.of(LatinHead.Verifier.RULES, false, true).search(
                new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled), ONE_GIVEN,
                SearchSpec.of(Strategy.RESTARTS).budget(16).seed(3), INIT);
        assertFalse(plain.solved());
    }

    @Test
    void augmentIsReproducibleAndKeepsToItsBudget() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, false, true);
        SearchSpec spec = SearchSpec.of(Strategy.AUGMENT).budget(16).seed(11);
        Reasoning<Grid> a = head.search(new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled), ONE_GIVEN, spec, INIT);
        Reasoning<Grid> b = head.search(new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled), ONE_GIVEN, spec, INIT);
        assertEquals(a.search(), b.search());
        assertEquals(a.answer(), b.answer());
        for (int budget : new int[] {1, 2, 5}) {
            ScriptedModel m = new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled);
            Reasoning<Grid> never = LatinHead.of(LatinHead.Verifier.NEVER, false, true)
                    .search(m, ONE_GIVEN, SearchSpec.of(Strategy.AUGMENT).budget(budget), INIT);
            assertEquals(budget, m.runs.size());
            assertEquals(budget, never.search().loopRuns());
            assertFalse(never.solved());
            assertEquals("none", never.search().foundBy(), "a failed search returns the first run's answer");
        }
    }

    @Test
    void augmentOnAHeadWithoutVariantsFailsClearly() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, false);
        TrmException e = assertThrows(TrmException.class, () -> head.search(
                new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled), ONE_GIVEN,
                SearchSpec.of(Strategy.AUGMENT), INIT));
        assertTrue(e.getMessage().contains("'augment' does not apply to the latin head"), e.getMessage());
    }

    @Test
    void theStepBudgetCutsTheLastRunAndIsNeverPassed() {
        for (Strategy s : List.of(Strategy.RESTARTS, Strategy.AUGMENT, Strategy.CONSENSUS, Strategy.FILL)) {
            ScriptedModel m = new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled);
            Reasoning<Grid> r = LatinHead.of(LatinHead.Verifier.NEVER, true, true).search(m, ONE_GIVEN,
                    SearchSpec.of(s).budget(SearchSpec.MAX_BUDGET).stepBudget(10), INIT);
            assertEquals(List.of(4, 4, 2), m.caps, s + ": runs of the loop's 4 steps, the last cut to fit 10");
            assertEquals(10, r.search().steps());
            assertEquals(3, r.search().loopRuns());
        }
    }

    @Test
    void rerunStepsCapEveryRunButTheFirst() {
        ScriptedModel m = new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled);
        Reasoning<Grid> r = LatinHead.of(LatinHead.Verifier.NEVER, false).search(m, ONE_GIVEN,
                SearchSpec.of(Strategy.RESTARTS).budget(4).rerunSteps(1), INIT);
        assertEquals(List.of(4, 1, 1, 1), m.caps);
        assertEquals(7, r.search().steps());
        ScriptedModel both = new ScriptedModel(AugmentSearchTest::solvesOnlyTheRelabelled);
        LatinHead.of(LatinHead.Verifier.NEVER, false).search(both, ONE_GIVEN,
                SearchSpec.of(Strategy.RESTARTS).budget(3).stepBudget(100).rerunSteps(9), INIT);
        assertEquals(List.of(4, 4, 4), both.caps, "a re-run cap above the loop's max steps changes nothing");
    }

    @Test
    void stepKnobsAreChecked() {
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.RESTARTS).stepBudget(-1));
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.RESTARTS).rerunSteps(-1));
        assertThrows(TrmException.class, () -> SearchSpec.of(Strategy.RESTARTS).rerunSteps(100_000));
        assertEquals(Strategy.AUGMENT, Strategy.parse("Augment"));
        SearchSpec stepsOnly = SearchSpec.of(Strategy.AUGMENT).budgets(null, 256);
        assertEquals(SearchSpec.MAX_BUDGET, stepsOnly.budget(), "a step budget alone is the only cap on runs");
        assertEquals(256, stepsOnly.stepBudget());
        assertEquals("1024 runs / 256 steps", stepsOnly.budgetText());
        SearchSpec runsOnly = SearchSpec.of(Strategy.AUGMENT).budgets(8, null);
        assertEquals(8, runsOnly.budget());
        assertEquals(0, runsOnly.stepBudget());
        assertEquals("8", runsOnly.budgetText());
        assertEquals(SearchSpec.of(Strategy.AUGMENT), SearchSpec.of(Strategy.AUGMENT).budgets(null, null));
    }
}
