package io.trm4j.core;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.RowResult;
import io.trm4j.core.head.StepRecord;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.RecursionLoop;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.search.SearchSpec;
import io.trm4j.core.search.Searcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import static java.util.Objects.requireNonNull;

/**
 * The {@link Reasoner}: encode with the head, run the loop, decode and verify. One native session,
 * guarded by a lock: the session's buffers hold one batch's state, so calls run one at a time,
 * and {@link #close()} takes the same lock so it never frees memory under a running call.
 */
final class DefaultReasoner<I, O> implements Reasoner<I, O> {
    private final Model model;
    private final ModelInfo info;
    private final TaskHead<I, O> head;
    private final Cell cell;
    private final Provider provider;
    private final RecursionLoop loop;
    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    /** Whether {@link #close()} also closes the model (its puzzle table): when Trm loaded it. */
    private final boolean ownsModel;
    private boolean closed;

    DefaultReasoner(Model model, TaskHead<I, O> head, Cell cell, Provider provider, Options options,
                    boolean ownsModel) {
        this.model = requireNonNull(model, "model is null");
        this.info = model.info();
        this.head = requireNonNull(head, "head is null");
        this.cell = requireNonNull(cell, "cell is null");
        this.provider = requireNonNull(provider, "provider is null");
        this.options = requireNonNull(options, "options is null");
        this.loop = new RecursionLoop(cell, model.init());
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
    public Provider provider() {
        return provider;
    }

    @Override
    public Options options() {
        return options;
    }

    @Override
    public Reasoning<O> reason(I input) {
        return reason(input, options);
    }

    @Override
    public Reasoning<O> reason(I input, Options callOptions) {
        return reasonAll(List.of(requireNonNull(input, "input is null")), callOptions).get(0);
    }

    @Override
    public Reasoning<O> reasonText(String text) {
        return reasonText(text, options);
    }

    @Override
    public Reasoning<O> reasonText(String text, Options callOptions) {
        return reason(head.parse(requireNonNull(text, "text is null")), callOptions);
    }

    @Override
    public List<Reasoning<O>> reasonAll(List<I> inputs) {
        return reasonAll(inputs, options);
    }

    @Override
    public List<Reasoning<O>> reasonAll(List<I> inputs, Options callOptions) {
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
        // Encoding happens outside the lock: heads are thread-safe, only the session is not.
        List<EncodedBatch> encoded = new ArrayList<>(inputs.size());
        for (I input : inputs) {
            encoded.add(head.encode(requireNonNull(input, "input is null"), info));
        }
        List<RowResult> rows = runLocked(concat(encoded), settings);
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
     * Verified search: each input on its own, one loop run at a time (the lock is taken per run, so
     * other callers' batches interleave with a long search).
     */
    private List<Reasoning<O>> search(List<I> inputs, SearchSpec spec, LoopSettings settings) {
        Searcher<I, O> searcher = new Searcher<>(head, info, (batch, init) -> runLocked(batch, settings, init),
                model.init());
        List<EncodedBatch> encoded = new ArrayList<>(inputs.size());
        for (I input : inputs) { // every input is encoded and checked before any run
            EncodedBatch e = head.encode(requireNonNull(input, "input is null"), info);
            searcher.check(spec, e);
            encoded.add(e);
        }
        List<Reasoning<O>> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(searcher.search(inputs.get(i), encoded.get(i), spec));
        }
        return out;
    }

    private List<RowResult> runLocked(EncodedBatch batch, LoopSettings settings) {
        return runLocked(batch, settings, model.init());
    }

    private List<RowResult> runLocked(EncodedBatch batch, LoopSettings settings, InitState init) {
        lock.lock();
        try {
            if (closed) {
                throw new TrmException("reasoner for model '" + info.name() + "' is closed");
            }
            return loop.run(batch, settings, null, init);
        } finally {
            lock.unlock();
        }
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
        return new Reasoning<>(answer, steps, (float) (confidence / rows.size()), verdict, trace, elapsed, rows);
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
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                try {
                    cell.close();
                } finally {
                    if (ownsModel) {
                        model.close();
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
