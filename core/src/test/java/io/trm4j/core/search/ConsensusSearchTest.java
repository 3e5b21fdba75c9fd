package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.search.LatinHead.Grid;
import io.trm4j.core.search.SearchSpec.Strategy;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code consensus} against scripted models on 3x3 Latin squares: commitment, budget, gating, back-off, seeds. */
class ConsensusSearchTest {
    /** The solution the scripted models know. */
    private static final int[] SOLUTION = {1, 2, 3, 2, 3, 1, 3, 1, 2};
    private static final Grid BLANK3 = new Grid(3, new int[9]);
    private static final InitState INIT = new InitState(new float[] {1f, -1f}, new float[] {0.5f, 0.5f});

    private static Reasoning<Grid> search(LatinHead head, ScriptedModel m, Grid input, SearchSpec spec) {
        return head.search(m, input, spec, INIT);
    }

    /**
     * Sure of row 0 in every run (0.9995, right); the rest is right (0.9) only once row 0 is given,
     * before that rows 1 and 2 both read [2,3,1] (0.8), a repeat in every column.
     */
    private static double[][] rowZeroFirst(long[] tokens, InitState init) {
        boolean rowZeroGiven = tokens[0] != 0 && tokens[1] != 0 && tokens[2] != 0;
        double[][] p = new double[9][];
        for (int i = 0; i < 9; i++) {
            p[i] = tokens[i] != 0 ? ScriptedModel.sure(3, (int) tokens[i], 1)
                    : i < 3 ? ScriptedModel.sure(3, SOLUTION[i], 0.9995)
                    : rowZeroGiven ? ScriptedModel.sure(3, SOLUTION[i], 0.9)
                    : ScriptedModel.sure(3, SOLUTION[3 + i % 3], 0.8);
        }
        return p;
    }

    @Test
    void commitsTheCellsTheFailedRunsAgreeOnAndSolvesTheSmallerPuzzle() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, true);
        ScriptedModel m = new ScriptedModel(ConsensusSearchTest::rowZeroFirst);
        Reasoning<Grid> r = search(head, m, BLANK3, SearchSpec.of(Strategy.CONSENSUS).budget(8));
        assertTrue(r.solved(), r.search().toString());
        assertArrayEquals(SOLUTION, r.answer().cells());
        assertEquals(3, m.runs.size(), "two failed runs, then the committed puzzle");
        assertArrayEquals(new long[] {1, 2, 3, 0, 0, 0, 0, 0, 0}, m.runs.get(2));
        assertEquals(new SearchInfo(Strategy.CONSENSUS, "consensus", 3, 3L * ScriptedModel.STEPS, 3, true,
                "run 3 of 8, 3 cells committed in 1 rounds, 0 contradictions"), r.search());

        // restarts spends the whole budget on the same model and finds nothing
        ScriptedModel plain = new ScriptedModel(ConsensusSearchTest::rowZeroFirst);
        Reasoning<Grid> restarts = search(head, plain, BLANK3, SearchSpec.of(Strategy.RESTARTS).budget(8));
        assertFalse(restarts.solved());
        assertEquals(8, plain.runs.size());
    }

    @Test
    void cellsTheRunsDisagreeOnOrDoubtStayOpen() {
        // Row 0 is sure in every run but reads [1,2,3] and [2,3,1] by turns; or it agrees at 0.99 only.
        int[] calls = {0};
        BiFunction<long[], InitState, double[][]> turns = (tokens, init) -> {
            int[] row = calls[0]++ % 2 == 0 ? new int[] {1, 2, 3} : new int[] {2, 3, 1};
            double[][] p = rowZeroFirst(tokens, init);
            for (int i = 0; i < 3; i++) {
                p[i] = ScriptedModel.sure(3, row[i], 0.9995);
            }
            return p;
        };
        BiFunction<long[], InitState, double[][]> doubt = (tokens, init) -> {
            double[][] p = rowZeroFirst(tokens, init);
            for (int i = 0; i < 3; i++) {
                p[i] = ScriptedModel.sure(3, SOLUTION[i], 0.99);
            }
            return p;
        };
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, true);
        for (BiFunction<long[], InitState, double[][]> model : List.of(turns, doubt)) {
            ScriptedModel m = new ScriptedModel(model);
            Reasoning<Grid> r = search(head, m, BLANK3, SearchSpec.of(Strategy.CONSENSUS).budget(5));
            assertFalse(r.solved());
            for (long[] run : m.runs) {
                assertArrayEquals(new long[9], run);
            }
            assertEquals("budget spent: no run was verified; 0 cells committed in 0 rounds, 0 contradictions",
                    r.search().detail());
        }
    }

    @Test
    void spendsExactlyTheBudgetWhenNothingVerifies() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.NEVER, true);
        for (int budget : new int[] {1, 2, 3, 4, 8, 16}) {
            ScriptedModel m = new ScriptedModel(ConsensusSearchTest::rowZeroFirst);
            Reasoning<Grid> r = search(head, m, BLANK3, SearchSpec.of(Strategy.CONSENSUS).budget(budget));
            assertEquals(budget, m.runs.size(), "budget " + budget);
            assertEquals(budget, r.search().loopRuns());
            assertEquals(budget * ScriptedModel.STEPS, r.search().steps());
            assertFalse(r.solved());
        }
    }

    @Test
    void answersOfCommittedRunsAreVerifiedToo() {
        // The verifier accepts nothing: the committed runs' answers are rejected like any other, and
        // the first run's answer comes back with its own verdict.
        LatinHead head = LatinHead.of(LatinHead.Verifier.NEVER, true);
        ScriptedModel m = new ScriptedModel(ConsensusSearchTest::rowZeroFirst);
        Reasoning<Grid> r = search(head, m, BLANK3, SearchSpec.of(Strategy.CONSENSUS).budget(6));
        assertFalse(r.solved());
        assertFalse(r.search().verified());
        assertEquals(Verdict.Status.UNSOLVED, r.verdict().status());
        assertEquals("none", r.search().foundBy());
        assertArrayEquals(new int[] {1, 2, 3, 2, 3, 1, 2, 3, 1}, r.answer().cells(), "the first run's answer");
        assertArrayEquals(new long[] {1, 2, 3, 0, 0, 0, 0, 0, 0}, m.runs.get(5), "later runs had row 0 given");
        assertEquals("budget spent: no run was verified; 3 cells committed in 1 rounds, 0 contradictions",
                r.search().detail());
    }

    /** A 3x3 Latin head with one more rule: the last cell allows nothing once cells 0 and 4 are both given. */
    private static final class DiagonalRule extends LatinHead.Committing {
        DiagonalRule() {
            super(Verifier.RULES);
        }

        @Override
        public boolean allows(Grid input, int position, int token, ModelInfo model) {
            if (position == 8 && input.cells()[0] != 0 && input.cells()[4] != 0) {
                return false;
            }
            return super.allows(input, position, token, model);
        }
    }

    @Test
    void aContradictionCostsNoRunAndDropsTheCommitmentsForPlainRestarts() {
        // Every run agrees on cells 0 and 4 (sure, in no conflict); committing both leaves cell 8 no
        // allowed token. The fourth run (a plain restart on the original input) is right.
        int[] wrong = {1, 2, 3, 2, 3, 1, 2, 1, 3};
        int[] calls = {0};
        BiFunction<long[], InitState, double[][]> model = (tokens, init) -> {
            boolean right = ++calls[0] == 4;
            double[][] p = new double[9][];
            for (int i = 0; i < 9; i++) {
                p[i] = tokens[i] != 0 ? ScriptedModel.sure(3, (int) tokens[i], 1)
                        : right ? ScriptedModel.sure(3, SOLUTION[i], 0.9)
                        : ScriptedModel.sure(3, wrong[i], i == 0 || i == 4 ? 0.9995 : 0.6);
            }
            return p;
        };
        ScriptedModel m = new ScriptedModel(model);
        Reasoning<Grid> r = search(new DiagonalRule(), m, BLANK3, SearchSpec.of(Strategy.CONSENSUS).budget(8));
        assertTrue(r.solved(), r.search().toString());
        assertEquals(4, m.runs.size());
        for (long[] run : m.runs) {
            assertArrayEquals(new long[9], run, "no commitment reached a run");
        }
        assertEquals("run 4 of 8, 0 cells committed in 0 rounds, 1 contradictions", r.search().detail());
        assertEquals("consensus", r.search().foundBy());
    }

    @Test
    void sameSeedSameRunsOtherSeedsOtherInits() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.NEVER, true);
        SearchSpec spec = SearchSpec.of(Strategy.CONSENSUS).budget(6).seed(11);
        List<List<Float>> inits = new ArrayList<>();
        for (long seed : new long[] {11, 11, 12}) {
            List<Float> seen = new ArrayList<>();
            ScriptedModel m = new ScriptedModel((tokens, init) -> {
                seen.add(init.y()[0]);
                return rowZeroFirst(tokens, init);
            });
            Reasoning<Grid> r = search(head, m, BLANK3, spec.seed(seed));
            assertEquals(6, r.search().loopRuns());
            inits.add(seen);
        }
        assertEquals(inits.get(0), inits.get(1));
        assertNotEquals(inits.get(0), inits.get(2));
        assertEquals(1f, inits.get(0).get(0), "the first run starts from the model's own init");
    }

    @Test
    void withoutAVerifierItVotesAsRestartsDoes() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.NONE, true);
        Reasoning<Grid> c = search(head, new ScriptedModel(ConsensusSearchTest::rowZeroFirst), BLANK3,
                SearchSpec.of(Strategy.CONSENSUS).budget(4).seed(3));
        Reasoning<Grid> r = search(head, new ScriptedModel(ConsensusSearchTest::rowZeroFirst), BLANK3,
                SearchSpec.of(Strategy.RESTARTS).budget(4).seed(3));
        assertEquals(r.answer(), c.answer());
        assertEquals(Verdict.Status.UNVERIFIED, c.verdict().status());
        assertEquals(r.search().detail(), c.search().detail());
        assertEquals(4, c.search().loopRuns());
    }

    @Test
    void aHeadThatCannotCommitFailsClearly() {
        LatinHead head = LatinHead.of(LatinHead.Verifier.RULES, false);
        Searcher<Grid, Grid> s = new Searcher<>(head, LatinHead.model(3), new ScriptedModel(ConsensusSearchTest::rowZeroFirst),
                INIT);
        TrmException e = assertThrows(TrmException.class,
                () -> s.search(BLANK3, head.encode(BLANK3, LatinHead.model(3)), SearchSpec.of(Strategy.CONSENSUS)));
        assertTrue(e.getMessage().contains("'consensus' does not apply to the latin head"), e.getMessage());
    }
}
