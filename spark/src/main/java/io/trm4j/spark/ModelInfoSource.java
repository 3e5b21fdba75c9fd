package io.trm4j.spark;

import io.trm4j.core.model.ModelInfo;

import java.io.Serializable;

/**
 * Where an executor gets the model's description (sequence length, puzzle ids) for the stages that
 * encode and decode but do not run the model: usually {@link #of(ModelSpec)}, the executor's loaded
 * reasoner; tests give a fixed one.
 */
@FunctionalInterface
public interface ModelInfoSource extends Serializable {
    ModelInfo get();

    static ModelInfoSource of(ModelSpec spec) {
        return () -> ExecutorReasoners.get(spec, new EncodedRowHead()).model();
    }
}
