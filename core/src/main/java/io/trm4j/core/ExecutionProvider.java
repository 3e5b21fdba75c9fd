package io.trm4j.core;

import java.util.Locale;

/** Where the cell runs. */
public enum ExecutionProvider {
    /** ONNX Runtime's CPU execution provider (the default). */
    CPU,
    /** CUDA, strictly: fails with a message naming what is missing when it cannot start. */
    CUDA,
    /** CUDA when it really starts, else CPU with one WARN line. */
    AUTO;

    /** Parses {@code cpu|cuda|auto} (case-insensitive). */
    public static ExecutionProvider parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrmException("unknown provider '" + text + "'; expected cpu, cuda or auto");
        }
    }
}
