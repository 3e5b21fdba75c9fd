package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A bundled model: a classpath folder such as {@code trm4j/models/sudoku/}. */
public record ClasspathSource(String folder, ClassLoader loader) implements ModelSource {
    public ClasspathSource {
        requireNonNull(folder, "folder is null");
        requireNonNull(loader, "loader is null");
        folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    }

    @Override
    public String describe() {
        return "classpath:" + folder;
    }

    @Override
    public boolean exists(String file) {
        return loader.getResource(folder + "/" + file) != null;
    }

    @Override
    public byte[] read(String file) {
        try (InputStream in = loader.getResourceAsStream(folder + "/" + file)) {
            if (in == null) {
                throw new TrmException(describe(file) + ": file not found");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TrmException(describe(file) + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public long size(String file) {
        URL url = loader.getResource(folder + "/" + file);
        if (url == null) {
            return -1;
        }
        try {
            URLConnection c = url.openConnection();
            c.setUseCaches(false);
            return c.getContentLengthLong();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public Optional<Path> path(String file) {
        return Optional.empty(); // may live inside a jar: read() the bytes instead
    }
}
