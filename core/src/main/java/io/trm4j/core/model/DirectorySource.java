package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A model directory on disk. */
public record DirectorySource(Path dir) implements ModelSource {
    public DirectorySource {
        requireNonNull(dir, "dir is null");
        dir = dir.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return dir.toString();
    }

    @Override
    public boolean exists(String file) {
        return Files.isRegularFile(resolve(file));
    }

    @Override
    public byte[] read(String file) {
        Path p = resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new TrmException(p + ": file not found");
        }
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new TrmException(p + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String file) {
        try {
            Path p = resolve(file);
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * The file named by a manifest field, which must lie inside the model directory: a name with a
     * NUL character (not a path at all) or one that leads outside (..) is a clear error.
     */
    private Path resolve(String file) {
        Path p;
        try {
            p = dir.resolve(file).normalize();
        } catch (InvalidPathException e) {
            throw new TrmException(dir + ": '" + file.replace("\0", "\\0") + "' (named in the manifest) is not a "
                    + "valid file name: " + e.getReason());
        }
        if (!p.startsWith(dir)) {
            throw new TrmException(dir + ": '" + file + "' (named in the manifest) is outside the model directory");
        }
        return p;
    }

    @Override
    public Optional<Path> path(String file) {
        Path p = resolve(file);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
