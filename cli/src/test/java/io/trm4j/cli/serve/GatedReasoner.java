package io.trm4j.cli.serve;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.ModelInfo;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reasoner whose batches wait at {@link #gate} until the test opens it, so that a test decides
 * when the model is busy; then it runs the batch on the real reasoner it wraps (which it never
 * closes: the test owns it).
 */
final class GatedReasoner implements Reasoner<Object, Object> {
    final CountDownLatch gate = new CountDownLatch(1);
    final Semaphore started = new Semaphore(0);
    final Semaphore finished = new Semaphore(0);
    final AtomicInteger batches = new AtomicInteger();
    /** Inputs of the batches that started (the one held at the gate included). */
    final AtomicInteger startedInputs = new AtomicInteger();
    private final Reasoner<Object, Object> real;

    GatedReasoner(Reasoner<Object, Object> real) {
        this.real = real;
    }

    @Override
    public List<Reasoning<Object>> reasonAll(List<Object> inputs, ReasonOptions options) {
        batches.incrementAndGet();
        startedInputs.addAndGet(inputs.size());
        started.release();
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        try {
            return real.reasonAll(inputs, options);
        } finally {
            finished.release();
        }
    }

    void awaitStarted() throws InterruptedException {
        assertTrue(started.tryAcquire(30, TimeUnit.SECONDS), "no batch started");
    }

    @Override
    public ModelInfo model() {
        return real.model();
    }

    @Override
    public TaskHead<Object, Object> head() {
        return real.head();
    }

    @Override
    public ExecutionProvider provider() {
        return real.provider();
    }

    @Override
    public LoadOptions loadOptions() {
        return real.loadOptions();
    }

    @Override
    public Reasoning<Object> reason(Object input) {
        return reasonAll(List.of(input)).get(0);
    }

    @Override
    public Reasoning<Object> reason(Object input, ReasonOptions options) {
        return reasonAll(List.of(input), options).get(0);
    }

    @Override
    public Reasoning<Object> reasonText(String text) {
        return reason(head().parse(text));
    }

    @Override
    public Reasoning<Object> reasonText(String text, ReasonOptions options) {
        return reason(head().parse(text), options);
    }

    @Override
    public List<Reasoning<Object>> reasonAll(List<Object> inputs) {
        return reasonAll(inputs, loadOptions().reasonDefaults());
    }

    @Override
    public void close() {
        // the wrapped reasoner belongs to the test
    }
}
