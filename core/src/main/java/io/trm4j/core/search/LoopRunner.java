package io.trm4j.core.search;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.InitState;

import java.util.List;

/**
 * Loop runs of a batch from an initial state: the reasoner's
 * {@link io.trm4j.core.loop.ContinuousLoop}, thread-safe, where each run joins the shared batch.
 */
public interface LoopRunner {
    /** One run of at most {@code maxSteps} supervision steps (1..{@link #maxSteps()}). */
    List<RowResult> run(EncodedBatch batch, InitState init, int maxSteps);

    /** The loop's own max steps: what a run without a tighter cap may take. */
    int maxSteps();
}
