package io.trm4j.cli.serve;

import io.trm4j.core.Reasoning;

import static java.util.Objects.requireNonNull;

/** One caller's result from a {@link MicroBatcher}, with how long it waited for its batch and how big that was. */
public record BatchResult<O>(Reasoning<O> reasoning, long queueNanos, int batchSize) {
    public BatchResult {
        requireNonNull(reasoning, "reasoning is null");
    }
}
