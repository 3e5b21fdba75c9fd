package io.trm4j.core.search;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static java.util.Objects.requireNonNull;

/**
 * One input's search: runs the loop within the budget, decodes and verifies candidates against
 * the original input, and counts what was spent. Every strategy goes through {@link #run} and
 * {@link #decode}, so the counts are what was really done.
 */
final class SearchRun<I, O> {
    private final TaskHead<I, O> head;
    private final ModelInfo model;
    private final I input;
    private final EncodedBatch encoded;
    private final SearchSpec spec;
    private final LoopRunner runner;
    private final InitState init;
    private final SplittableRandom random;
    private final RunTraces<O> traces = new RunTraces<>();
    private int loopRuns;
    private long steps;
    private long loopSteps;
    private int candidates;

    SearchRun(TaskHead<I, O> head, ModelInfo model, I input, EncodedBatch encoded, SearchSpec spec, LoopRunner runner,
              InitState init) {
        this.head = requireNonNull(head, "head is null");
        this.model = requireNonNull(model, "model is null");
        this.input = requireNonNull(input, "input is null");
        this.encoded = requireNonNull(encoded, "encoded is null");
        this.spec = requireNonNull(spec, "spec is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.init = requireNonNull(init, "init is null");
        // The input's tokens join the seed: a puzzle gets the same draws wherever it sits in a batch.
        this.random = new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + Arrays.deepHashCode(encoded.tokens()));
    }

    TaskHead<I, O> head() {
        return head;
    }

    I input() {
        return input;
    }

    SearchSpec spec() {
        return spec;
    }

    InitState init() {
        return init;
    }

    SplittableRandom random() {
        return random;
    }

    ModelInfo model() {
        return model;
    }

    int vocab() {
        return model.vocabSize();
    }

    int rows() {
        return encoded.rows();
    }

    /** Whether another run fits the budget: a loop run left, and a supervision step when steps are capped. */
    boolean canRun() {
        return loopRuns < spec.budget() && (spec.stepBudget() == 0 || loopSteps < spec.stepBudget());
    }

    /**
     * The next run's step cap: the loop's max for the first run (the plain one), then {@code rerunSteps}
     * when set, and never past the step budget.
     */
    private int nextRunSteps() {
        int cap = loopRuns > 0 && spec.rerunSteps() > 0 ? Math.min(spec.rerunSteps(), runner.maxSteps())
                : runner.maxSteps();
        if (spec.stepBudget() > 0) {
            cap = (int) Math.min(cap, spec.stepBudget() - loopSteps);
        }
        return cap;
    }

    int loopRuns() {
        return loopRuns;
    }

    /** The first run: the original input from the model's initial state, as without search. */
    Attempt<O> runBase() {
        return traces.keep(decode(loop(input, init), Map.of()), SearchRunTrace.FIRST,
                "the plain loop from the model's initial state");
    }

    /**
     * One loop run of {@code node} (the input, or the input with committed cells) from {@code start};
     * {@code forced} (position -> token) is written into the answer, which is decoded and verified
     * against the original input.
     */
    Attempt<O> run(I node, Map<Integer, Integer> forced, InitState start) {
        Attempt<O> a = decode(loop(node, start), forced);
        return forced.isEmpty() ? traces.keep(a, SearchRunTrace.RESTART, from(start))
                : traces.keep(a, spec.strategy().label(), forced.size() + " cells committed, " + from(start));
    }

    /**
     * One loop run of a symmetric {@code variant} of the input from {@code start}: its rows are mapped
     * back to the input's positions and tokens (every row by the same maps: a head that encodes
     * several rows per input encodes the variant's as the variants of the original's), then decoded
     * and verified against the original input.
     */
    Attempt<O> run(Variant<I> variant, InitState start) {
        Attempt<O> a = decode(loop(variant.input(), start).stream().map(variant::toOriginal).toList(), Map.of());
        return traces.keep(a, SearchSpec.Strategy.AUGMENT.label(), "a symmetric variant, mapped back, " + from(start));
    }

    /** Where a re-run started, in words. */
    private String from(InitState start) {
        return start == init ? "from the model's initial state" : "noise " + spec.noise() + " x RMS on y/z init";
    }

    /** The runs' traces ({@link RunTraces#all}): empty when the loop did not trace. */
    List<SearchRunTrace<O>> runTraces(Attempt<O> chosen, String detail) {
        return traces.all(chosen, detail);
    }

    /** One loop run within the budget, counted. */
    private List<RowResult> loop(I node, InitState start) {
        if (!canRun()) {
            throw new IllegalStateException("search budget of " + spec.budgetText() + " is spent");
        }
        EncodedBatch batch = node == input ? encoded : head.encode(node, model);
        List<RowResult> raw = runner.run(batch, start, nextRunSteps());
        loopRuns++;
        int depth = 0;
        for (RowResult r : raw) {
            steps += r.steps();
            depth = Math.max(depth, r.steps());
        }
        loopSteps += depth;
        return raw;
    }

    /** Decodes {@code raw} with {@code forced} tokens in row 0 and verifies it against the original input. */
    Attempt<O> decode(List<RowResult> raw, Map<Integer, Integer> forced) {
        List<RowResult> rows = new ArrayList<>(raw);
        rows.set(0, Forcing.force(raw.get(0), forced, vocab()));
        O answer = head.decode(input, encoded, rows, model);
        Verdict verdict = head.verify(input, answer);
        candidates++;
        return new Attempt<>(answer, verdict, rows, raw, 0);
    }

    /** The choice at each position the head lets the search decide, from row 0 of {@code raw}. */
    List<CellChoice> choices(I node, List<RowResult> raw, double temperature) {
        float[] logits = raw.get(0).logits();
        int positions = logits.length / vocab();
        List<CellChoice> out = new ArrayList<>(positions);
        for (int p = 0; p < positions; p++) {
            CellChoice c = CellChoice.of(head, model, node, logits, p, vocab(), temperature);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    SearchInfo info(String foundBy, Attempt<O> answer, String detail) {
        return new SearchInfo(spec.strategy(), foundBy, loopRuns, steps, candidates, answer.solved(), detail);
    }
}
