package io.trm4j.core.search;

import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.InitState;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * {@code restarts}: the first run from the model's initial state, then runs from perturbed ones
 * (Gaussian noise on y_init and z_init, {@code noise} times their RMS, a fresh draw per run) until
 * the budget is spent. {@code augment}: the same, but each re-run is on a random symmetric variant
 * of the input (the head's {@link SymmetricVariants#variant}), its answer mapped back
 * before it is verified. With a verifier, the first verified answer wins. Without one (the first
 * answer is {@code UNVERIFIED}), every run is made and the most frequent answer wins (ties: the
 * earliest; answers the head rejects, {@code UNSOLVED}, get no vote); it stays unverified. With a
 * partial check ({@code SUPPORTED}/{@code ABSTAINED}), the best supported run wins and one that
 * passes all its checks ends the search.
 */
final class RestartSearch {
    private RestartSearch() {
    }

    static <I, O> Outcome<O> search(SearchRun<I, O> run) {
        Attempt<O> base = run.runBase();
        return base.settled() ? Outcome.base(base, settledDetail(base)) : restart(run, base);
    }

    static <I, O> Outcome<O> augment(SearchRun<I, O> run) {
        Attempt<O> base = run.runBase();
        return base.settled() ? Outcome.base(base, settledDetail(base))
                : rerun(run, base, () -> run.run(SymmetricVariants.of(run.head()).variant(run.input(), run.random().split(), run.model()),
                        start(run)));
    }

    private static String settledDetail(Attempt<?> base) {
        return base.solved() ? "the first run was verified" : "the first run passed all its checks";
    }

    /** The restarts after a first run {@code base} that the verifier did not accept. */
    static <I, O> Outcome<O> restart(SearchRun<I, O> run, Attempt<O> base) {
        return rerun(run, base, () -> run.run(run.input(), Map.of(), start(run)));
    }

    /** A re-run's initial state: the model's, perturbed by {@code noise} (none at 0). */
    private static InitState start(SearchRun<?, ?> run) {
        return run.spec().noise() > 0 ? perturb(run.init(), run.spec().noise(), run.random().split()) : run.init();
    }

    private static <I, O> Outcome<O> rerun(SearchRun<I, O> run, Attempt<O> base, Supplier<Attempt<O>> next) {
        if (base.verdict().support() != null) {
            return grade(run, base, next);
        }
        boolean voting = base.verdict().status() == Verdict.Status.UNVERIFIED;
        List<Attempt<O>> all = new ArrayList<>();
        all.add(base);
        String label = run.spec().strategy().label();
        while (run.canRun()) {
            Attempt<O> a = next.get();
            if (!voting && a.solved()) {
                return new Outcome<>(a, label, "run " + run.loopRuns() + " of " + run.spec().budgetText());
            }
            all.add(a);
        }
        if (!voting) {
            return Outcome.base(base, "budget spent: no run was verified");
        }
        return vote(run, all, label);
    }

    /**
     * A head with a partial check (SUPPORTED, ABSTAINED): the best checked run wins ({@link Verdict#compareTo};
     * ties: the earliest), and a run that is solved or passes all its checks ends the search.
     */
    private static <I, O> Outcome<O> grade(SearchRun<I, O> run, Attempt<O> base, Supplier<Attempt<O>> next) {
        Attempt<O> best = base;
        while (run.canRun()) {
            Attempt<O> a = next.get();
            if (a.verdict().compareTo(best.verdict()) > 0) {
                best = a;
                if (best.settled()) {
                    break;
                }
            }
        }
        String detail = "best of " + run.loopRuns() + " runs by its checks";
        return best == base ? Outcome.base(base, detail) : new Outcome<>(best, run.spec().strategy().label(), detail);
    }

    private static <I, O> Outcome<O> vote(SearchRun<I, O> run, List<Attempt<O>> all, String label) {
        Map<String, List<Attempt<O>>> byAnswer = new LinkedHashMap<>();
        for (Attempt<O> a : all) {
            if (a.verdict().status() != Verdict.Status.UNSOLVED) { // rejected answers get no vote (the first run's is unverified)
                byAnswer.computeIfAbsent(run.head().render(a.answer(), RenderStyle.COMPACT), k -> new ArrayList<>()).add(a);
            }
        }
        List<Attempt<O>> best = null;
        for (List<Attempt<O>> group : byAnswer.values()) {
            if (best == null || group.size() > best.size()) {
                best = group;
            }
        }
        String detail = best.size() + " of " + all.size() + " runs agree";
        return best.get(0) == all.get(0) ? Outcome.base(all.get(0), detail) : new Outcome<>(best.get(0), label, detail);
    }

    /** {@code init} plus N(0, (noise * rms)^2) per component, y and z each by their own RMS (1 when it is 0). */
    static InitState perturb(InitState init, double noise, SplittableRandom random) {
        return new InitState(perturb(init.y(), noise, random), perturb(init.z(), noise, random));
    }

    private static float[] perturb(float[] v, double noise, SplittableRandom random) {
        double sq = 0;
        for (float x : v) {
            sq += (double) x * x;
        }
        double rms = Math.sqrt(sq / v.length);
        double scale = noise * (rms > 0 ? rms : 1); // a zero init gets absolute noise
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] + scale * gaussian(random));
        }
        return out;
    }

    /** Box-Muller (SplittableRandom has no nextGaussian in Java 17). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
