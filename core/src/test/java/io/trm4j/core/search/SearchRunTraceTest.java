package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.InitState;
import io.trm4j.core.search.LatinHead.Grid;
import io.trm4j.core.search.SearchSpec.Strategy;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A traced search keeps every run's trace, marks the one the answer came from, and keeps nothing untraced. */
class SearchRunTraceTest {
    private static final Grid BLANK2 = new Grid(2, new int[4]);
    private static final InitState INIT = new InitState(new float[] {1f, -1f}, new float[] {0.5f, 0.5f});
    /** The model's own init gives 1 everywhere (no Latin square); a perturbed one gives a solution. */
    private static final BiFunction<long[], InitState, double[][]> BY_INIT = (tokens, init) -> {
        int[] sol = init.y()[0] > 1f ? new int[] {1, 2, 2, 1} : new int[] {2, 1, 1, 2};
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            p[i] = ScriptedModel.sure(2, init == INIT ? 1 : sol[i], 0.9);
        }
        return p;
    };
    /** Unsure on every blank: the argmax (1 everywhere) breaks the rules; draws find a square. */
    private static final BiFunction<long[], InitState, double[][]> UNSURE = (tokens, init) -> {
        double[][] p = new double[4][];
        for (int i = 0; i < 4; i++) {
            p[i] = ScriptedModel.sure(2, 1, 0.55);
        }
        return p;
    };

    private static Reasoning<Grid> search(LatinHead head, ScriptedModel m, SearchSpec spec) {
        return head.search(m, BLANK2, spec, INIT);
    }

    /** One run per loop run (plus a draw), numbered in order, exactly one chosen, whose trace is the answer's. */
    private static SearchRunTrace<Grid> checkRuns(Reasoning<Grid> r, int expected) {
        List<SearchRunTrace<Grid>> runs = r.searchRuns();
        assertEquals(expected, runs.size(), runs.toString());
        SearchRunTrace<Grid> chosen = null;
        for (int i = 0; i < runs.size(); i++) {
            SearchRunTrace<Grid> t = runs.get(i);
            assertEquals(i + 1, t.run());
            assertEquals(t.steps(), t.trace().size(), t.summary());
            if (t.chosen()) {
                assertEquals(null, chosen, "two chosen runs: " + runs);
                chosen = t;
            }
        }
        assertTrue(chosen != null, "no chosen run: " + runs);
        assertEquals(SearchRunTrace.FIRST, runs.get(0).kind());
        assertSame(r.trace().get(0), chosen.trace().get(0));
        assertEquals(r.trace(), chosen.trace());
        assertEquals(r.answer(), chosen.answer());
        assertEquals(r.verdict(), chosen.verdict());
        assertEquals(r.steps(), chosen.steps());
        return chosen;
    }

    @Test
    void restartsKeepEveryRunAndMarkTheVerifiedOne() {
        ScriptedModel m = new ScriptedModel(BY_INIT).traced();
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.RULES, false), m,
                SearchSpec.of(Strategy.RESTARTS).budget(3).seed(5));
        assertTrue(r.solved());
        SearchRunTrace<Grid> chosen = checkRuns(r, r.search().loopRuns());
        assertEquals(2, chosen.run());
        assertEquals(SearchRunTrace.RESTART, chosen.kind());
        assertEquals("noise 0.5 x RMS on y/z init", chosen.detail());
        SearchRunTrace<Grid> first = r.searchRuns().get(0);
        assertEquals(Verdict.Status.UNSOLVED, first.verdict().status());
        assertEquals(new Grid(2, new int[] {1, 1, 1, 1}), first.answer());
        assertNotEquals(List.of(1, 1, 1, 1), Arrays.stream(chosen.trace().get(0).prediction()).boxed().toList());
        assertEquals(List.of(1, 1, 1, 1), Arrays.stream(first.trace().get(0).prediction()).boxed().toList());
    }

    @Test
    void aSpentBudgetKeepsEveryRunAndChoosesTheFirst() {
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.NEVER, false), new ScriptedModel(UNSURE).traced(),
                SearchSpec.of(Strategy.RESTARTS).budget(3));
        assertEquals(3, r.search().loopRuns());
        assertEquals(1, checkRuns(r, 3).run());
        assertEquals(List.of("first", "restart", "restart"), r.searchRuns().stream().map(SearchRunTrace::kind).toList());
    }

    @Test
    void sampleKeepsItsOneRunAndTheVerifiedDraw() {
        Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.RULES, false), new ScriptedModel(UNSURE).traced(),
                SearchSpec.of(Strategy.SAMPLE).budget(2).topP(1.0).seed(7));
        assertTrue(r.solved());
        SearchRunTrace<Grid> draw = checkRuns(r, 2);
        assertEquals(SearchRunTrace.DRAW, draw.kind());
        assertTrue(draw.detail().startsWith("draw "), draw.detail());
        assertEquals(r.searchRuns().get(0).trace(), draw.trace(), "a draw is decoded from the first run's last step");
        assertEquals(Verdict.Status.UNSOLVED, r.searchRuns().get(0).verdict().status());
    }

    @Test
    void fillAndAugmentSayWhatEachRunWas() {
        Reasoning<Grid> fill = search(LatinHead.of(LatinHead.Verifier.NEVER, true), new ScriptedModel(UNSURE).traced(),
                SearchSpec.of(Strategy.FILL).budget(3));
        checkRuns(fill, fill.search().loopRuns());
        SearchRunTrace<Grid> second = fill.searchRuns().get(1);
        assertEquals("fill", second.kind());
        assertTrue(second.detail().matches("\\d+ cells committed, from the model's initial state|"
                + "\\d+ cells committed, noise .*"), second.detail());
        Reasoning<Grid> augment = search(LatinHead.of(LatinHead.Verifier.NEVER, false, true),
                new ScriptedModel(UNSURE).traced(), SearchSpec.of(Strategy.AUGMENT).budget(3).seed(1));
        checkRuns(augment, 3);
        assertEquals(List.of("first", "augment", "augment"),
                augment.searchRuns().stream().map(SearchRunTrace::kind).toList());
    }

    @Test
    void withoutATraceNoRunIsKept() {
        for (Strategy s : List.of(Strategy.SAMPLE, Strategy.RESTARTS, Strategy.FILL, Strategy.CONSENSUS)) {
            Reasoning<Grid> r = search(LatinHead.of(LatinHead.Verifier.NEVER, true), new ScriptedModel(UNSURE),
                    SearchSpec.of(s).budget(3));
            assertEquals(List.of(), r.searchRuns(), s.label());
            assertEquals(List.of(), r.trace(), s.label());
        }
    }
}
