package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.nio.file.Files;
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
        return Files.isRegularFile(dir.resolve(file));
    }

    @Override
    public byte[] read(String file) {
        Path p = dir.resolve(file);
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
            Path p = dir.resolve(file);
            return Files.isRegularFile(p) ? Files.size(p) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Optional<Path> path(String file) {
        Path p = dir.resolve(file);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }
}
