package io.trm4j.core;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.ContinuousLoop;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.search.LoopRunner;
import io.trm4j.core.search.SearchSpec;
import io.trm4j.core.search.Searcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The {@link Reasoner}: encode with the head, run the loop, decode and verify. One native session,
 * shared through a {@link ContinuousLoop}: concurrent calls' rows join one batch at step
 * boundaries (continuous batching) and each leaves when its own halting stops it.
 * {@link #close()} waits for every running call before it frees the session.
 */
final class DefaultReasoner<I, O> implements Reasoner<I, O> {
    private final Model model;
    private final ModelInfo info;
    private final TaskHead<I, O> head;
    private final Cell cell;
    private final ExecutionProvider provider;
    private final String providerNote;
    private final ContinuousLoop loop;
    private final LoadOptions options;
    private final ReentrantLock closeLock = new ReentrantLock();
    /** Whether {@link #close()} also closes the model (its puzzle table): when Trm loaded it. */
    private final boolean ownsModel;
    private boolean closed;

    DefaultReasoner(Model model, TaskHead<I, O> head, Cell cell, ExecutionProvider provider, String providerNote,
                    LoadOptions options, boolean ownsModel) {
        this.model = requireNonNull(model, "model is null");
        this.info = model.info();
        this.head = requireNonNull(head, "head is null");
        this.cell = requireNonNull(cell, "cell is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.providerNote = requireNonNull(providerNote, "providerNote is null");
        this.options = requireNonNull(options, "options is null");
        this.loop = new ContinuousLoop(cell, options.sharedRows(), "reasoner for model '" + info.name() + "' is closed");
        this.ownsModel = ownsModel;
    }

    @Override
    public ModelInfo model() {
        return info;
    }

    @Override
    public TaskHead<I, O> head() {
        return head;
    }

    @Override
    public ExecutionProvider provider() {
        return provider;
    }

    @Override
    public String providerNote() {
        return providerNote;
    }

    @Override
    public LoadOptions loadOptions() {
        return options;
    }

    @Override
    public Reasoning<O> reason(I input) {
        return reason(input, options.reasonDefaults());
    }

    @Override
    public Reasoning<O> reason(I input, ReasonOptions callOptions) {
        return reasonAll(List.of(requireNonNull(input, "input is null")), callOptions).get(0);
    }

    @Override
    public Reasoning<O> reasonText(String text) {
        return reasonText(text, options.reasonDefaults());
    }

    @Override
    public Reasoning<O> reasonText(String text, ReasonOptions callOptions) {
        return reason(head.parse(requireNonNull(text, "text is null")), callOptions);
    }

    @Override
    public List<Reasoning<O>> reasonAll(List<I> inputs) {
        return reasonAll(inputs, options.reasonDefaults());
    }

    @Override
    public List<Reasoning<O>> reasonAll(List<I> inputs, ReasonOptions callOptions) {
        requireNonNull(inputs, "inputs is null");
        requireNonNull(callOptions, "options is null");
        if (inputs.isEmpty()) {
            return List.of();
        }
        LoopSettings settings = callOptions.resolve(model.manifest());
        if (!callOptions.search().isNone()) {
            return search(inputs, callOptions.search(), settings);
        }
        long start = System.nanoTime();
        List<EncodedBatch> encoded = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            encoded.add(head.encode(requireNonNull(input, "input is null"), info));
        }
        List<RowResult> rows = runShared(concat(encoded), settings);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        List<Reasoning<O>> out = new ArrayList<>(inputs.size());
        int offset = 0;
        for (int i = 0; i < inputs.size(); i++) {
            EncodedBatch e = encoded.get(i);
            List<RowResult> mine = rows.subList(offset, offset + e.rows());
            offset += e.rows();
            out.add(toReasoning(inputs.get(i), e, mine, elapsed));
        }
        return out;
    }

    /**
     * Verified search: each input on its own, one loop run at a time (each run joins the shared batch, so
     * other callers' batches interleave with a long search).
     */
    private List<Reasoning<O>> search(List<I> inputs, SearchSpec spec, LoopSettings settings) {
        LoopRunner runner = new LoopRunner() {
            @Override
            public List<RowResult> run(EncodedBatch batch, InitState init, int maxSteps) {
                return runShared(batch, new LoopSettings(maxSteps, settings.halting(), settings.trace(),
                        settings.progress()), init);
            }

            @Override
            public int maxSteps() {
                return settings.maxSteps();
            }
        };
        Searcher<I, O> searcher = new Searcher<>(head, info, runner, model.init());
        List<EncodedBatch> encoded = new ArrayList<>(inputs.size());
        for (I input : inputs) { // every input is encoded and checked before any run
            EncodedBatch e = head.encode(requireNonNull(input, "input is null"), info);
            searcher.check(spec, e);
            encoded.add(e);
        }
        List<Reasoning<O>> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(searcher.search(inputs.get(i), encoded.get(i), spec).ranOn(provider, providerNote));
        }
        return out;
    }

    private List<RowResult> runShared(EncodedBatch batch, LoopSettings settings) {
        return runShared(batch, settings, model.init());
    }

    private List<RowResult> runShared(EncodedBatch batch, LoopSettings settings, InitState init) {
        return loop.run(batch, settings, init);
    }

    private Reasoning<O> toReasoning(I input, EncodedBatch encoded, List<RowResult> rows, Duration elapsed) {
        O answer = head.decode(input, encoded, rows, info);
        Verdict verdict = head.verify(input, answer);
        int steps = 0;
        double confidence = 0;
        for (RowResult r : rows) {
            steps = Math.max(steps, r.steps());
            confidence += r.confidence();
        }
        List<StepRecord> trace = rows.get(0).trace();
        return new Reasoning<>(answer, steps, (float) (confidence / rows.size()), verdict, trace, elapsed, rows)
                .ranOn(provider, providerNote);
    }

    private static EncodedBatch concat(List<EncodedBatch> batches) {
        if (batches.size() == 1) {
            return batches.get(0);
        }
        int total = batches.stream().mapToInt(EncodedBatch::rows).sum();
        long[][] tokens = new long[total][];
        long[] ids = new long[total];
        int r = 0;
        for (EncodedBatch b : batches) {
            for (int i = 0; i < b.rows(); i++, r++) {
                tokens[r] = b.tokens()[i];
                ids[r] = b.puzzleIds()[i];
            }
        }
        return new EncodedBatch(tokens, ids);
    }

    @Override
    public void close() {
        closeLock.lock();
        try {
            if (!closed) {
                closed = true;
                loop.close(); // new calls fail; running ones finish first
                try {
                    cell.close();
                } finally {
                    if (ownsModel) {
                        model.close();
                    }
                }
            }
        } finally {
            closeLock.unlock();
        }
    }
}
