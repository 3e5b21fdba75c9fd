package io.trm4j.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The manifest's {@code puzzle_table} (format_version 2): a puzzle-embedding table stored next to
 * the cell as raw float32 little-endian {@code [rows, dim]} (see {@link PuzzleTable}); the cell then
 * takes the looked-up rows as its input {@code puzzle_emb} instead of {@code puzzle_ids}. The
 * optional fields, when present, must say what this runtime reads.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PuzzleTableSpec(
        @JsonProperty("file") String file,
        @JsonProperty("rows") long rows,
        @JsonProperty("dim") int dim,
        @JsonProperty("dtype") String dtype,
        @JsonProperty("byte_order") String byteOrder,
        @JsonProperty("input") String input,
        @JsonProperty("bytes") Long bytes) {

    /** The cell input that takes the gathered rows. */
    public static final String INPUT = "puzzle_emb";

    public PuzzleTableSpec {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("field 'puzzle_table.file' is missing");
        }
        if (rows <= 0) {
            throw new IllegalArgumentException("field 'puzzle_table.rows' must be > 0, got " + rows);
        }
        if (dim <= 0) {
            throw new IllegalArgumentException("field 'puzzle_table.dim' must be > 0, got " + dim);
        }
        dtype = only("dtype", dtype, "float32");
        byteOrder = only("byte_order", byteOrder, "little");
        input = only("input", input, INPUT);
        long expected = rows * dim * 4L;
        if (bytes != null && bytes != expected) {
            throw new IllegalArgumentException("field 'puzzle_table.bytes' is " + bytes + " but rows " + rows
                    + " x dim " + dim + " float32 make " + expected);
        }
        bytes = expected;
    }

    private static String only(String field, String value, String supported) {
        if (value != null && !value.equals(supported)) {
            throw new IllegalArgumentException("field 'puzzle_table." + field + "' is '" + value
                    + "'; this trm4j reads only '" + supported + "'");
        }
        return supported;
    }
}
