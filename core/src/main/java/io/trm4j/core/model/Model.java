package io.trm4j.core.model;

import io.trm4j.core.Precision;
import io.trm4j.core.TrmException;

import static java.util.Objects.requireNonNull;

/**
 * A loaded, validated model: where it lives, its manifest, its initial state and, for a manifest
 * with {@code puzzle_table} (format_version 2), the memory-mapped {@link PuzzleTable} ({@code null}
 * otherwise). {@link #close()} closes the table; a model without one holds no resources.
 */
public record Model(ModelSource source, Manifest manifest, InitState init, PuzzleTable puzzleTable)
        implements AutoCloseable {
    public Model {
        requireNonNull(source, "source is null");
        requireNonNull(manifest, "manifest is null");
        requireNonNull(init, "init is null");
        if (puzzleTable != null && !manifest.hasPuzzleTable()) {
            throw new IllegalArgumentException("a puzzle table was given but the manifest has no 'puzzle_table'");
        }
        if (puzzleTable != null && puzzleTable.dim() != manifest.hiddenSize()) {
            throw new IllegalArgumentException("puzzle table has dim " + puzzleTable.dim() + ", the manifest's "
                    + "hidden_size is " + manifest.hiddenSize());
        }
    }

    /** A model whose puzzle embeddings (if any) are inside the cell graph. */
    public Model(ModelSource source, Manifest manifest, InitState init) {
        this(source, manifest, init, null);
    }

    /**
     * This model running its {@code precision} cell: the manifest's {@code variants} entry, else
     * {@code cell-<precision>.onnx} beside the cell; fp32 is the model itself. A missing variant
     * fails saying how to make one.
     */
    public Model withPrecision(Precision precision) {
        requireNonNull(precision, "precision is null");
        if (precision == Precision.FP32) {
            return this;
        }
        String named = manifest.variants().get(precision.key());
        String file = named != null ? named : precision.defaultFile(manifest.cell());
        if (!source.exists(file)) {
            throw new TrmException("model '" + manifest.name() + "' has no " + precision.key() + " variant ("
                    + (named != null ? source.describe(file) + ", named by variants." + precision.key() + " in "
                    + ModelLoader.MANIFEST + ", is missing" : "no " + source.describe(file)) + "); make one with "
                    + precision.howToMake() + ", or run --precision fp32");
        }
        return new Model(source, manifest.withCell(file), init, puzzleTable);
    }

    public ModelInfo info() {
        return ModelInfo.of(manifest, source.describe());
    }

    /** Closes the puzzle table, if any; idempotent. Sessions using it then fail on their next batch. */
    @Override
    public void close() {
        if (puzzleTable != null) {
            puzzleTable.close();
        }
    }
}
