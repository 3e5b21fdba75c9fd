package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and validates a model's manifest, initial state and file set. */
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
        InitState init = InitState.decode(source.read(manifest.init()), manifest.hiddenSize(),
                source.describe(manifest.init()));
        return new Model(source, manifest, init);
    }

    public static Manifest readManifest(ModelSource source) {
        if (!source.exists(MANIFEST)) {
            throw new TrmException(source.describe(MANIFEST) + ": file not found");
        }
        return ManifestReader.parse(source.read(MANIFEST), source.describe(MANIFEST));
    }
}
