package io.trm4j.core;

import java.util.Locale;

/**
 * Which of a model's cells runs: its own ({@code fp32}) or a variant beside it, named in the
 * manifest's {@code variants} ({@code "int8": "cell-int8.onnx"}) or, when not named there,
 * {@code cell-<precision>.onnx} in the same directory. The recursion, heads and the cell's inputs
 * and outputs (float32) are the same for every variant.
 */
public enum Precision {
    /** The manifest's {@code cell} (the default). */
    FP32("the exporter (export-scripts/export_trained.py)"),
    /** int8 weights in the matrix products: {@code quantize_int8.py --model DIR --variant}. */
    INT8("export-scripts/quantize_int8.py --model DIR --variant"),
    /** fp16 weights and products (for CUDA): {@code convert_fp16.py --model DIR --variant}. */
    FP16("export-scripts/convert_fp16.py --model DIR --variant");

    private final String howToMake;

    Precision(String howToMake) {
        this.howToMake = howToMake;
    }

    /** Parses {@code fp32|int8|fp16} (case-insensitive). */
    public static Precision parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TrmException("unknown precision '" + text + "'; expected fp32, int8 or fp16");
        }
    }

    /** The name in flags, config files and a manifest's {@code variants}: {@code int8}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The variant's file when the manifest's {@code variants} does not name one: {@code cell-int8.onnx}. */
    public String defaultFile(String cell) {
        int dot = cell.lastIndexOf('.');
        String stem = dot > 0 ? cell.substring(0, dot) : cell;
        return stem + "-" + key() + (dot > 0 ? cell.substring(dot) : "");
    }

    /** The command that writes this variant into a model directory. */
    public String howToMake() {
        return howToMake;
    }
}
