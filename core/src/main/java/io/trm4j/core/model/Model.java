package io.trm4j.core.model;

import static java.util.Objects.requireNonNull;

/** A loaded, validated model: where it lives, its manifest and its initial state. */
public record Model(ModelSource source, Manifest manifest, InitState init) {
    public Model {
        requireNonNull(source, "source is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(init, "init is null");
    }

    public ModelInfo info() {
        return ModelInfo.of(manifest, source.describe());
    }
}
