package io.trm4j.core.search;

import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.CommitCells;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.ModelInfo;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Verified search above the recursion loop: spends up to a budget of loop runs on one input to
 * find an answer the head's verifier accepts ({@link SearchSpec}). The answer is always decoded and
 * verified against the original input; one the verifier does not accept is never reported as
 * solved (its verdict is the verifier's). Stateless: a search issues its loop runs one after
 * another on the calling thread; the {@link LoopRunner} is thread-safe, so concurrent searches
 * share cell calls.
 */
public final class Searcher<I, O> {
    private final TaskHead<I, O> head;
    private final ModelInfo model;
    private final LoopRunner runner;
    private final InitState init;

    public Searcher(TaskHead<I, O> head, ModelInfo model, LoopRunner runner, InitState init) {
        this.head = requireNonNull(head, "head is null");
        this.model = requireNonNull(model, "model is null");
        this.runner = requireNonNull(runner, "runner is null");
        this.init = requireNonNull(init, "init is null");
    }

    /** Fails with a clear message when {@code spec} cannot apply to this head's inputs. */
    public void check(SearchSpec spec, EncodedBatch encoded) {
        requireNonNull(spec, "spec is null");
        if (spec.isNone()) {
            throw new IllegalArgumentException("search 'none' is the plain loop, not a search");
        }
        SearchSpec.Strategy strategy = spec.strategy();
        boolean commits = strategy == SearchSpec.Strategy.FILL || strategy == SearchSpec.Strategy.CONSENSUS;
        // augment maps every row of a variant back by the same maps, so it needs no single row
        boolean oneRow = strategy == SearchSpec.Strategy.SAMPLE || commits;
        if (oneRow && encoded.rows() != 1) {
            throw new TrmException("search '" + strategy.label() + "' needs one row per input, but the "
                    + head.name() + " head encodes " + encoded.rows() + " (restarts"
                    + (head instanceof SymmetricVariants<?> ? " and augment apply)" : " applies)"));
        }
        if (strategy == SearchSpec.Strategy.AUGMENT && !(head instanceof SymmetricVariants<?>)) {
            throw new TrmException("search 'augment' does not apply to the " + head.name() + " head: it has no "
                    + "symmetric variants of its puzzles (restarts does)");
        }
        if (commits && !(head instanceof CommitCells<?>)) {
            throw new TrmException("search '" + strategy.label() + "' does not apply to the " + head.name()
                    + " head: it cannot fix a cell's value in its input (sample and restarts do apply)");
        }
    }

    /** Searches for {@code input} (already encoded as {@code encoded}) within {@code spec}'s budget. */
    public Reasoning<O> search(I input, EncodedBatch encoded, SearchSpec spec) {
        check(spec, encoded);
        long start = System.nanoTime();
        SearchRun<I, O> run = new SearchRun<>(head, model, input, encoded, spec, runner, init);
        Outcome<O> out = switch (spec.strategy()) {
            case SAMPLE -> SampleSearch.search(run);
            case FILL -> FillSearch.search(run);
            case RESTARTS -> RestartSearch.search(run);
            case AUGMENT -> RestartSearch.augment(run);
            case CONSENSUS -> ConsensusSearch.search(run);
            case NONE -> throw new IllegalStateException("unreachable");
        };
        Attempt<O> a = out.attempt();
        return new Reasoning<>(a.answer(), a.steps(), a.confidence(), a.verdict(), a.rows().get(0).trace(),
                Duration.ofNanos(System.nanoTime() - start), a.rows(), run.info(out.foundBy(), a, out.detail()),
                run.runTraces(a, out.detail()));
    }
}
