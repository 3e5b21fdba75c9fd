package io.trm4j.core.search;

import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code consensus}: restarts whose failed runs are not thrown away. The first run, then runs from
 * perturbed initial states exactly as {@code restarts} makes them; once {@link #MIN_RUNS} runs have
 * failed, the open cells on which every failed run so far agrees, each at least {@link #CONFIDENT}
 * sure (softmax at temperature 1 over the allowed tokens) and in conflict with no other cell of
 * that run's answer, are committed into the input as givens (as {@code fill} commits), and the next
 * restarts work on that smaller puzzle; after each further failed run the agreement is taken again
 * over all the runs so far and new agreed cells are committed. A commitment that leaves an open cell
 * without an allowed token is a contradiction (free to detect, no run spent): every commitment is
 * dropped and the rest of the budget goes to plain restarts of the original input. The first answer
 * the verifier accepts wins (decoded and verified against the original input, the committed cells
 * included); when none does, the first run's answer comes back with its own verdict. A head without
 * a verifier gets {@code restarts}' vote.
 *
 * <p>Tuned on rows 500-559 of three Sudoku classes: with the bundled model a failed run is far from
 * the solution (about 35 of 59 open cells wrong), so what failed runs agree on is often wrong, and
 * a few right commitments rarely rescue a puzzle; a lower threshold (0.9-0.99) committed more and
 * solved fewer puzzles than {@code restarts}. At 0.999 it commits in few puzzles and performs as
 * {@code restarts} does (README, "Verified search").
 */
final class ConsensusSearch {
    /** Failed runs needed before the first commitment. */
    static final int MIN_RUNS = 2;
    /** A cell is committed only when every failed run gives it the same token at least this sure. */
    static final double CONFIDENT = 0.999;

    private ConsensusSearch() {
    }

    static <I, O> Outcome<O> search(SearchRun<I, O> run) {
        Attempt<O> base = run.runBase();
        if (base.solved()) {
            return Outcome.base(base, "the first run was verified");
        }
        if (base.verdict().status() == Verdict.Status.UNVERIFIED) {
            return RestartSearch.restart(run, base); // nothing to check a run against: restarts' vote
        }
        TaskHead<I, O> head = run.head();
        Set<Integer> open = new TreeSet<>();
        run.choices(run.input(), base.raw(), 1.0).forEach(c -> open.add(c.position()));
        List<Failed<I>> failed = new ArrayList<>();
        failed.add(Failed.of(run, run.input(), base));
        I node = run.input();
        Map<Integer, Integer> commits = Map.of();
        boolean committing = true;
        int rounds = 0;
        int contradictions = 0;
        String label = run.spec().strategy().label();
        while (run.canRun()) {
            if (committing && failed.size() >= MIN_RUNS) {
                I child = node;
                Map<Integer, Integer> next = new LinkedHashMap<>(commits);
                for (Map.Entry<Integer, Integer> e : agreed(run, node, commits, failed).entrySet()) {
                    if (AllowedTokens.allowedBy(head, child, e.getKey(), e.getValue(), run.model())) {
                        child = CommitCells.of(head).commit(child, e.getKey(), e.getValue());
                        next.put(e.getKey(), e.getValue());
                    }
                }
                if (next.size() > commits.size()) {
                    if (FillSearch.dead(head, run.model(), child, open, next)) {
                        contradictions++;
                        committing = false; // the agreement was wrong somewhere: plain restarts from here
                        node = run.input();
                        commits = Map.of();
                    } else {
                        node = child;
                        commits = Map.copyOf(next);
                        rounds++;
                    }
                }
            }
            InitState start = RestartSearch.perturb(run.init(), run.spec().noise(), run.random().split());
            Attempt<O> a = run.run(node, commits, start);
            if (a.solved()) {
                return new Outcome<>(a, label, "run " + run.loopRuns() + " of " + run.spec().budgetText() + ", "
                        + summary(commits, rounds, contradictions));
            }
            failed.add(Failed.of(run, node, a));
        }
        return Outcome.base(base, "budget spent: no run was verified; " + summary(commits, rounds, contradictions));
    }

    private static String summary(Map<Integer, Integer> commits, int rounds, int contradictions) {
        return commits.size() + " cells committed in " + rounds + " rounds, " + contradictions + " contradictions";
    }

    /**
     * The open, uncommitted cells of {@code node} to which every run of {@code failed} gives the same
     * token at least {@link #CONFIDENT} sure, in none of them in conflict (position -> token): most
     * sure first (by the least sure run), then by position.
     */
    static <I, O> Map<Integer, Integer> agreed(SearchRun<I, O> run, I node, Map<Integer, Integer> commits,
                                               List<Failed<I>> failed) {
        Map<Integer, Integer> token = new HashMap<>();
        Map<Integer, Double> sure = new HashMap<>();
        Set<Integer> agree = null;
        for (Failed<I> f : failed) {
            Set<Integer> here = new HashSet<>();
            for (CellChoice c : run.choices(node, f.raw(), 1.0)) {
                int p = c.position();
                if (commits.containsKey(p) || f.conflicts().contains(p) || c.confidence() < CONFIDENT) {
                    continue;
                }
                if (agree == null) {
                    token.put(p, c.best());
                    sure.put(p, c.confidence());
                    here.add(p);
                } else if (token.containsKey(p) && token.get(p) == c.best()) {
                    sure.merge(p, c.confidence(), Math::min);
                    here.add(p);
                }
            }
            if (agree == null) {
                agree = here;
            } else {
                agree.retainAll(here);
            }
        }
        List<Integer> cells = new ArrayList<>(agree == null ? Set.of() : agree);
        cells.sort(Comparator.comparingDouble((Integer p) -> -sure.get(p)).thenComparingInt(p -> p));
        Map<Integer, Integer> out = new LinkedHashMap<>();
        for (int p : cells) {
            out.put(p, token.get(p));
        }
        return out;
    }

    /** A failed run: its loop rows and the open cells of the input it ran on that its answer puts in conflict. */
    record Failed<I>(List<RowResult> raw, Set<Integer> conflicts) {
        static <I, O> Failed<I> of(SearchRun<I, O> run, I node, Attempt<O> a) {
            return new Failed<>(a.raw(), conflictsOf(run, node, run.choices(node, a.raw(), 1.0)));
        }
    }

    /**
     * The open cells whose best token rules out another open cell's best token once committed
     * (Sudoku: a digit repeated in a row, column or box of the answer).
     */
    static <I, O> Set<Integer> conflictsOf(SearchRun<I, O> run, I node, List<CellChoice> choices) {
        Set<Integer> bad = new HashSet<>();
        TaskHead<I, O> head = run.head();
        for (int i = 0; i < choices.size(); i++) {
            CellChoice c = choices.get(i);
            I partial = CommitCells.of(head).commit(node, c.position(), c.best());
            for (int j = i + 1; j < choices.size(); j++) {
                CellChoice d = choices.get(j);
                if (!AllowedTokens.allowedBy(head, partial, d.position(), d.best(), run.model())) {
                    bad.add(c.position());
                    bad.add(d.position());
                }
            }
        }
        return bad;
    }
}
