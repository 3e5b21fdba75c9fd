package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and validates a model's manifest, initial state and file set; checks the cell's sha256
 * (when the manifest gives {@code cell_sha256}) and the identifiers file, and memory-maps the
 * puzzle table, when the manifest names them. A model with a table must be a directory on disk
 * (the table is mapped, not read); close the {@link Model} to release it.
 */
public final class ModelLoader {
    public static final String MANIFEST = "manifest.json";

    private ModelLoader() {
    }

    public static Model load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new TrmException(dir + ": not a model directory (expected a folder with " + MANIFEST + ")");
        }
        return load(new DirectorySource(dir));
    }

    public static Model load(ModelSource source) {
        Manifest manifest = readManifest(source);
        if (!source.exists(manifest.cell())) {
            throw new TrmException(source.describe(manifest.cell()) + ": file not found (named by field 'cell' in "
                    + MANIFEST + ")");
        }
        if (!source.exists(manifest.init())) {
            throw new TrmException(source.describe(manifest.init()) + ": file not found (named by field 'init' in "
                    + MANIFEST + ")");
        }
        CellDigest.check(source, manifest);
        InitState init = InitState.decode(source.read(manifest.init()), manifest.hiddenSize(),
                source.describe(manifest.init()));
        manifest = manifest.withPuzzleIds(Identifiers.check(source, manifest));
        PuzzleTable table = manifest.hasPuzzleTable() ? openTable(source, manifest.puzzleTable()) : null;
        try {
            return new Model(source, manifest, init, table);
        } catch (RuntimeException e) {
            if (table != null) {
                table.close();
            }
            throw e;
        }
    }

    private static PuzzleTable openTable(ModelSource source, PuzzleTableSpec spec) {
        String file = spec.file();
        if (!source.exists(file)) {
            throw new TrmException(source.describe(file) + ": file not found (named by field 'puzzle_table.file' in "
                    + MANIFEST + ")");
        }
        Path path = source.path(file).orElseThrow(() -> new TrmException(source.describe(file)
                + ": the puzzle table must be a file on disk (it is memory-mapped, not read into memory); "
                + "copy the model out of the jar or classpath and load its directory"));
        return PuzzleTable.open(path, spec.rows(), spec.dim());
    }

    public static Manifest readManifest(ModelSource source) {
        if (!source.exists(MANIFEST)) {
            throw new TrmException(source.describe(MANIFEST) + ": file not found");
        }
        return ManifestReader.parse(source.read(MANIFEST), source.describe(MANIFEST));
    }
}
