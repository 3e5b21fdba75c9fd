package io.trm4j.core.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * {@code sample}: one loop run, then up to {@link SearchSpec#maxDraws()} answers drawn from its
 * final step, each position independently from its allowed tokens' softmax at the temperature,
 * cut to the top-p nucleus (a confident cell's nucleus is its argmax alone, so draws change the
 * uncertain cells). Repeated draws are skipped but counted; the first draw the verifier accepts
 * is the answer. Draws cost a decode and a verify each, no loop run.
 */
final class SampleSearch {
    private SampleSearch() {
    }

    static <I, O> Outcome<O> search(SearchRun<I, O> run) {
        Attempt<O> base = run.runBase();
        if (base.solved()) {
            return Outcome.base(base, "the first run was verified");
        }
        SearchSpec spec = run.spec();
        List<CellChoice> open = new ArrayList<>();
        for (CellChoice c : run.choices(run.input(), base.raw(), spec.temperature())) {
            CellChoice nucleus = c.nucleus(spec.topP());
            open.add(nucleus);
        }
        Set<Map<Integer, Integer>> seen = new HashSet<>();
        SplittableRandom random = run.random();
        int draws = 0;
        while (draws < spec.maxDraws()) {
            draws++;
            Map<Integer, Integer> drawn = new HashMap<>();
            for (CellChoice c : open) {
                drawn.put(c.position(), draw(c, random));
            }
            if (!seen.add(drawn)) {
                continue;
            }
            Attempt<O> a = run.decode(base.raw(), drawn);
            if (a.solved()) {
                return new Outcome<>(a, spec.strategy().label(), "draw " + draws + " of " + spec.maxDraws());
            }
        }
        return Outcome.base(base, "no verified answer in " + draws + " draws (" + seen.size() + " distinct)");
    }

    private static int draw(CellChoice c, SplittableRandom random) {
        if (c.tokens().length == 1) {
            return c.best();
        }
        double u = random.nextDouble();
        double acc = 0;
        for (int i = 0; i < c.tokens().length; i++) {
            acc += c.probs()[i];
            if (u < acc) {
                return c.tokens()[i];
            }
        }
        return c.tokens()[c.tokens().length - 1];
    }
}
