package io.trm4j.core;

import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.ModelInfo;

import java.util.List;

/**
 * A loaded model with its task head. Thread-safe: calls from several threads are serialized on
 * the native session. Close it when done (closing twice is safe; closing waits for a running call).
 */
public interface Reasoner<I, O> extends AutoCloseable {
    ModelInfo model();

    TaskHead<I, O> head();

    /** The provider the model really runs on ({@code AUTO} resolved). */
    ExecutionProvider provider();

    /** Why {@link #provider()} is not the one asked for (an {@code auto} fallback to CPU), or "" when it is. */
    default String providerNote() {
        return "";
    }

    /** The options given at load time; calls without options run with its {@link LoadOptions#reasonDefaults()}. */
    LoadOptions loadOptions();

    Reasoning<O> reason(I input);

    Reasoning<O> reason(I input, ReasonOptions options);

    /** Parses {@code text} with the head, then reasons. */
    Reasoning<O> reasonText(String text);

    Reasoning<O> reasonText(String text, ReasonOptions options);

    /** All inputs' rows in one loop run (one cell call per step for the whole batch). */
    List<Reasoning<O>> reasonAll(List<I> inputs);

    List<Reasoning<O>> reasonAll(List<I> inputs, ReasonOptions options);

    @Override
    void close();
}
