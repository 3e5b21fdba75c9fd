package io.trm4j.core.search;

import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code fill}: a depth-first search guided by the model. From a run's final step, commit the
 * most confident open cells (their best allowed token) into the input as if the puzzle had given
 * them, re-run the loop on the new input, and repeat from that run. The first batch at a node is
 * every cell at least {@link #CONFIDENT} sure (at least 1, at most 1/{@link #MAX_SHARE} of the open
 * cells: the model's confidence is poorly calibrated where it fails, so small batches do better);
 * each re-run starts from a perturbed initial state ({@code noise}, as {@code restarts}; 0 keeps the
 * model's), which lets a re-run leave the first run's dead end. A
 * commitment that leaves some open cell without an allowed token is a contradiction (free to
 * detect, no run spent): back off and try the next alternative at that node: half the batch,
 * down to the single most confident cell, then that cell's next tokens in order; a node with no
 * alternative left is abandoned and its parent tries its own next one. Stops at the first
 * answer the verifier accepts, or when the budget of loop runs is spent (the answer is then the
 * first run's, unverified).
 */
final class FillSearch {
    /** Cells at least this sure (softmax at temperature 1 over allowed tokens) are committed together. */
    static final double CONFIDENT = 0.999;
    /** A batch commits at most this share of the open cells (1/16: 3-4 cells of a hard Sudoku). */
    static final int MAX_SHARE = 16;

    private FillSearch() {
    }

    static <I, O> Outcome<O> search(SearchRun<I, O> run) {
        Attempt<O> base = run.runBase();
        if (base.solved()) {
            return Outcome.base(base, "the first run was verified");
        }
        List<CellChoice> first = run.choices(run.input(), base.raw(), 1.0);
        Set<Integer> open = new TreeSet<>();
        first.forEach(c -> open.add(c.position()));
        Deque<Node<I>> stack = new ArrayDeque<>();
        stack.push(new Node<>(run.input(), Map.of(), first));
        int contradictions = 0;
        int deepest = 0;
        while (run.canRun() && !stack.isEmpty()) {
            Node<I> node = stack.peek();
            Map<Integer, Integer> proposal = node.next(run.head(), run.model());
            if (proposal == null) {
                stack.pop(); // no alternative left here: undo this node's commitments
                continue;
            }
            I child = node.input;
            for (Map.Entry<Integer, Integer> e : proposal.entrySet()) {
                child = CommitCells.of(run.head()).commit(child, e.getKey(), e.getValue());
            }
            Map<Integer, Integer> commits = new HashMap<>(node.commits);
            commits.putAll(proposal);
            if (dead(run.head(), run.model(), child, open, commits)) {
                contradictions++;
                continue;
            }
            InitState start = run.spec().noise() > 0
                    ? RestartSearch.perturb(run.init(), run.spec().noise(), run.random().split()) : run.init();
            Attempt<O> a = run.run(child, commits, start);
            deepest = Math.max(deepest, commits.size());
            if (a.solved()) {
                return new Outcome<>(a, run.spec().strategy().label(), commits.size() + " cells committed, "
                        + contradictions + " contradictions");
            }
            List<CellChoice> next = new ArrayList<>();
            for (CellChoice c : run.choices(child, a.raw(), 1.0)) {
                if (open.contains(c.position()) && !commits.containsKey(c.position())) {
                    next.add(c);
                }
            }
            stack.push(new Node<>(child, commits, next));
        }
        return Outcome.base(base, (stack.isEmpty() ? "search space exhausted" : "budget spent") + ": up to "
                + deepest + " cells committed, " + contradictions + " contradictions");
    }

    /** Whether some open, uncommitted cell has no allowed token left. */
    static <I> boolean dead(TaskHead<I, ?> head, ModelInfo model, I input, Set<Integer> open,
                            Map<Integer, Integer> commits) {
        int vocab = model.vocabSize();
        for (int p : open) {
            if (commits.containsKey(p)) {
                continue;
            }
            boolean any = false;
            for (int t = 0; t < vocab && !any; t++) {
                any = AllowedTokens.allowedBy(head, input, p, t, model);
            }
            if (!any) {
                return true;
            }
        }
        return false;
    }

    /** A node of the search: an input with its commitments and the ranked choices of its run. */
    private static final class Node<I> {
        final I input;
        final Map<Integer, Integer> commits;
        final List<CellChoice> ranked;
        int batch;
        int alternative;
        boolean started;

        Node(I input, Map<Integer, Integer> commits, List<CellChoice> choices) {
            this.input = input;
            this.commits = Map.copyOf(commits);
            this.ranked = new ArrayList<>(choices);
            ranked.sort(Comparator.comparingDouble((CellChoice c) -> -c.confidence()).thenComparingInt(CellChoice::position));
            int sure = (int) ranked.stream().filter(c -> c.confidence() >= CONFIDENT).count();
            this.batch = Math.max(1, Math.min(sure, (ranked.size() + 1) / MAX_SHARE));
        }

        /** The next commitments to try (position -> token), or null when none is left. */
        Map<Integer, Integer> next(TaskHead<I, ?> head, ModelInfo model) {
            if (ranked.isEmpty()) {
                return null;
            }
            if (!started) {
                started = true;
            } else if (batch > 1) {
                batch /= 2;
            } else {
                alternative++;
            }
            CellChoice top = ranked.get(0);
            if (batch == 1) {
                return alternative < top.tokens().length ? Map.of(top.position(), top.tokens()[alternative]) : null;
            }
            // Commit one by one, skipping a cell whose best token an earlier one of this batch rules out.
            Map<Integer, Integer> out = new LinkedHashMap<>();
            I partial = input;
            for (int i = 0; i < batch; i++) {
                CellChoice c = ranked.get(i);
                if (AllowedTokens.allowedBy(head, partial, c.position(), c.best(), model)) {
                    out.put(c.position(), c.best());
                    partial = CommitCells.of(head).commit(partial, c.position(), c.best());
                }
            }
            return out;
        }
    }
}
