package io.trm4j.core.search;

import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.RowResult;
import io.trm4j.core.model.InitState;

import java.util.List;

/** One loop run of a batch from an initial state (the reasoner's loop, under its session lock). */
@FunctionalInterface
public interface LoopRunner {
    List<RowResult> run(EncodedBatch batch, InitState init);
}
