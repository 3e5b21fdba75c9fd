package io.trm4j.cli.serve;

import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoning;

import java.util.List;

/** Runs one batch for a {@link MicroBatcher}; {@code Reasoner::reasonAll} fits. */
@FunctionalInterface
public interface BatchRunner<I, O> {
    List<Reasoning<O>> run(List<I> inputs, ReasonOptions options);
}
