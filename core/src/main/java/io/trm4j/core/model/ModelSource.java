package io.trm4j.core.model;

import java.util.Optional;

/** Where a model's files live: a directory or a classpath folder. */
public interface ModelSource {
    /** For messages, e.g. {@code /models/sudoku} or {@code classpath:trm4j/models/sudoku}. */
    String describe();

    /** {@code describe()} joined with a file name, for messages. */
    default String describe(String file) {
        return describe() + "/" + file;
    }

    boolean exists(String file);

    /** Reads a whole file; throws {@link io.trm4j.core.TrmException} naming the file when missing. */
    byte[] read(String file);

    /** Size in bytes, or -1 when unknown/missing. */
    long size(String file);

    /** The file on disk when there is one (ONNX Runtime can then map it itself). */
    Optional<java.nio.file.Path> path(String file);
}
