package io.trm4j.core.eval;

import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;

import io.trm4j.core.search.SearchSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * Runs labelled puzzles through a reasoner in batches and measures exact accuracy, verifier
 * acceptance, steps and cost (loop runs, steps over all runs, time per puzzle), overall and per group. Inputs the head rejects, and records rejected while
 * reading the file ({@link EvalCase#rejected}), are counted apart, never silently dropped.
 */
public final class Evaluator<I, O> {
    private final Reasoner<I, O> reasoner;
    private final ReasonOptions options;
    private final int batchSize;
    private final UnaryOperator<I> adjust;
    private final BiConsumer<EvalCase, Reasoning<O>> listener;

    public Evaluator(Reasoner<I, O> reasoner, ReasonOptions options, int batchSize) {
        this(reasoner, options, batchSize, UnaryOperator.identity(), (c, r) -> { });
    }

    private Evaluator(Reasoner<I, O> reasoner, ReasonOptions options, int batchSize, UnaryOperator<I> adjust,
                      BiConsumer<EvalCase, Reasoning<O>> listener) {
        this.reasoner = requireNonNull(reasoner, "reasoner is null");
        this.options = requireNonNull(options, "options is null");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.adjust = requireNonNull(adjust, "adjust is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** This evaluator, applying {@code adjust} to each parsed input (e.g. a request-wide head option). */
    public Evaluator<I, O> adjustingInputs(UnaryOperator<I> adjust) {
        return new Evaluator<>(reasoner, options, batchSize, adjust, listener);
    }

    /** This evaluator, handing every case's result to {@code listener} (e.g. to write the answers out). */
    public Evaluator<I, O> onResult(BiConsumer<EvalCase, Reasoning<O>> listener) {
        return new Evaluator<>(reasoner, options, batchSize, adjust, listener);
    }

    /** Evaluates {@code cases}; {@code progress} receives the number of cases done so far. */
    public EvalReport run(List<EvalCase> cases, IntConsumer progress) {
        TaskHead<I, O> head = reasoner.head();
        Map<String, Tally> groups = new LinkedHashMap<>();
        Tally total = new Tally();
        int invalid = 0;
        String firstInvalid = null;
        long start = System.nanoTime();
        List<EvalCase> batch = new ArrayList<>(batchSize);
        List<I> inputs = new ArrayList<>(batchSize);
        int done = 0;
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            try {
                if (c.isRejected()) {
                    throw new TrmException(c.rejection());
                }
                I input = adjust.apply(head.parse(c.input()));
                // Some checks need the model (e.g. the sequence length): encode once here so one bad
                // row is counted as invalid instead of failing its whole batch.
                head.encode(input, reasoner.model());
                inputs.add(input);
                batch.add(c);
            } catch (TrmException e) {
                invalid++;
                firstInvalid = firstInvalid == null ? c.where() + ": " + e.getMessage() : firstInvalid;
                done++;
            }
            if (batch.size() == batchSize || (i == cases.size() - 1 && !batch.isEmpty())) {
                long batchStart = System.nanoTime();
                List<Reasoning<O>> results = reasoner.reasonAll(inputs, options);
                double shareMs = (System.nanoTime() - batchStart) / 1e6 / results.size();
                for (int k = 0; k < results.size(); k++) {
                    Reasoning<O> r = results.get(k);
                    EvalCase ck = batch.get(k);
                    boolean exact = matches(head, inputs.get(k), r.answer(), ck);
                    listener.accept(ck, r);
                    double ms = r.search().strategy() == SearchSpec.Strategy.NONE ? shareMs : r.elapsed().toNanos() / 1e6;
                    Tally g = groups.computeIfAbsent(ck.group(), x -> new Tally());
                    g.add(exact, r, ms);
                    total.add(exact, r, ms);
                }
                done += batch.size();
                batch.clear();
                inputs.clear();
            }
            progress.accept(done);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, EvalReport.GroupStats> perGroup = new LinkedHashMap<>();
        groups.forEach((name, t) -> perGroup.put(name, t.stats()));
        return new EvalReport(total.n, total.share(total.exact), total.share(total.verified), total.falseSolved,
                total.meanSteps(), seconds > 0 ? total.n / seconds : 0, invalid, firstInvalid, perGroup, total.cost(),
                total.share(total.abstained));
    }

    private static <I, O> boolean matches(TaskHead<I, O> head, I input, O answer, EvalCase c) {
        try {
            return ExpectedAnswers.matches(head, input, answer, c.expected());
        } catch (TrmException e) {
            throw new TrmException(c.where() + ": bad expected answer: " + e.getMessage(), e);
        }
    }

    private static final class Tally {
        int n;
        int exact;
        int verified;
        int falseSolved;
        int abstained;
        long steps;
        long loopRuns;
        long allSteps;
        final List<Double> millis = new ArrayList<>();

        void add(boolean isExact, Reasoning<?> r, double ms) {
            boolean isVerified = r.solved();
            n++;
            exact += isExact ? 1 : 0;
            verified += isVerified ? 1 : 0;
            falseSolved += isVerified && !isExact ? 1 : 0;
            abstained += r.verdict().status() == Verdict.Status.ABSTAINED ? 1 : 0;
            steps += r.steps();
            loopRuns += r.search().loopRuns();
            allSteps += r.search().steps();
            millis.add(ms);
        }

        EvalReport.Cost cost() {
            return n == 0 ? EvalReport.Cost.of(0, 0, List.of())
                    : EvalReport.Cost.of((double) loopRuns / n, (double) allSteps / n, millis);
        }

        double share(int count) {
            return n == 0 ? 0 : (double) count / n;
        }

        double meanSteps() {
            return n == 0 ? 0 : (double) steps / n;
        }

        EvalReport.GroupStats stats() {
            return new EvalReport.GroupStats(n, share(exact), share(verified), meanSteps(), cost(), share(abstained));
        }
    }
}
