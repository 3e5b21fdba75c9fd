package io.trm4j.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code manifest.json}: everything the loop and the head need. Written by the Python exporter;
 * the compact constructor checks what can be checked without the other files.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("name") String name,
        @JsonProperty("head") String head,
        @JsonProperty("description") String description,
        @JsonProperty("arch") Arch arch,
        @JsonProperty("seq_len") int seqLen,
        @JsonProperty("state_len") int stateLen,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("vocab") List<String> vocab,
        @JsonProperty("max_steps") int maxSteps,
        @JsonProperty("halting") HaltingDefaults halting,
        @JsonProperty("cell") String cell,
        @JsonProperty("init") String init,
        @JsonProperty("variants") Map<String, String> variants,
        @JsonProperty("puzzle_ids") Map<String, Long> puzzleIds,
        @JsonProperty("provenance") JsonNode provenance,
        @JsonProperty("puzzle_table") PuzzleTableSpec puzzleTable,
        @JsonProperty("identifiers") String identifiers,
        @JsonProperty("identifiers_sha256") String identifiersSha256,
        @JsonProperty("cell_sha256") String cellSha256) {

    /** The newest manifest format this runtime reads (2 adds {@code puzzle_table}). */
    public static final int SUPPORTED_FORMAT_VERSION = 2;
    /** The first format with {@code puzzle_table}. */
    public static final int EXTERNAL_TABLE_FORMAT_VERSION = 2;

    public Manifest {
        if (formatVersion < 1) {
            throw new IllegalArgumentException("format_version must be >= 1, got " + formatVersion);
        }
        if (formatVersion > SUPPORTED_FORMAT_VERSION) {
            throw new IllegalArgumentException(tooNew(formatVersion));
        }
        requireNonNull(name, "field 'name' is missing");
        requireNonNull(head, "field 'head' is missing");
        requireNonNull(arch, "field 'arch' is missing");
        requireNonNull(vocab, "field 'vocab' is missing");
        positive("seq_len", seqLen);
        positive("state_len", stateLen);
        positive("hidden_size", hiddenSize);
        positive("vocab_size", vocabSize);
        positive("max_steps", maxSteps);
        if (stateLen < seqLen) {
            throw new IllegalArgumentException("state_len (" + stateLen + ") must be >= seq_len (" + seqLen + ")");
        }
        if (vocab.size() != vocabSize) {
            throw new IllegalArgumentException(
                    "vocab has " + vocab.size() + " entries but vocab_size is " + vocabSize);
        }
        if (arch.hiddenSize() != hiddenSize) {
            throw new IllegalArgumentException(
                    "arch.hidden_size (" + arch.hiddenSize() + ") differs from hidden_size (" + hiddenSize + ")");
        }
        description = description == null ? "" : description;
        halting = halting == null ? HaltingDefaults.FIXED : halting;
        cell = cell == null ? "cell.onnx" : cell;
        init = init == null ? "init.bin" : init;
        vocab = List.copyOf(vocab);
        variants = variants == null ? Map.of() : Map.copyOf(variants);
        puzzleIds = puzzleIds == null ? Map.of() : Map.copyOf(puzzleIds);
        provenance = provenance == null ? JsonNodeFactory.instance.objectNode() : provenance;
        checkTable(formatVersion, puzzleTable, hiddenSize, arch);
        checkIdentifiers(identifiers, identifiersSha256);
        identifiersSha256 = identifiersSha256 == null ? null : identifiersSha256.toLowerCase(java.util.Locale.ROOT);
        checkSha256("cell_sha256", cellSha256);
        cellSha256 = cellSha256 == null ? null : cellSha256.toLowerCase(java.util.Locale.ROOT);
    }

    /** A manifest without a puzzle table or identifiers (format 1's fields). */
    public Manifest(int formatVersion, String name, String head, String description, Arch arch, int seqLen,
                    int stateLen, int hiddenSize, int vocabSize, List<String> vocab, int maxSteps,
                    HaltingDefaults halting, String cell, String init, Map<String, String> variants,
                    Map<String, Long> puzzleIds, JsonNode provenance) {
        this(formatVersion, name, head, description, arch, seqLen, stateLen, hiddenSize, vocabSize, vocab, maxSteps,
                halting, cell, init, variants, puzzleIds, provenance, null, null, null, null);
    }

    /** This manifest with {@code puzzle_ids} replaced (the loader's full vocabulary from {@code identifiers}). */
    public Manifest withPuzzleIds(Map<String, Long> ids) {
        return ids.equals(puzzleIds) ? this : new Manifest(formatVersion, name, head, description, arch, seqLen, stateLen,
                hiddenSize, vocabSize, vocab, maxSteps, halting, cell, init, variants, ids, provenance, puzzleTable,
                identifiers, identifiersSha256, cellSha256);
    }

    /**
     * This manifest running {@code file} as its cell (a variant of the same model: same inputs,
     * outputs and weights, another precision). The fp32 cell's {@code cell_sha256} does not apply to it.
     */
    public Manifest withCell(String file) {
        return file.equals(cell) ? this : new Manifest(formatVersion, name, head, description, arch, seqLen, stateLen,
                hiddenSize, vocabSize, vocab, maxSteps, halting, file, init, variants, puzzleIds, provenance, puzzleTable,
                identifiers, identifiersSha256, null);
    }

    /** Whether the puzzle embeddings live outside the graph (the cell takes {@code puzzle_emb}). */
    public boolean hasPuzzleTable() {
        return puzzleTable != null;
    }

    private static void checkTable(int formatVersion, PuzzleTableSpec table, int hiddenSize, Arch arch) {
        if (table == null) {
            return;
        }
        if (formatVersion < EXTERNAL_TABLE_FORMAT_VERSION) {
            throw new IllegalArgumentException("field 'puzzle_table' needs format_version >= "
                    + EXTERNAL_TABLE_FORMAT_VERSION + ", got " + formatVersion);
        }
        if (table.dim() != hiddenSize) {
            throw new IllegalArgumentException("puzzle_table.dim (" + table.dim() + ") differs from hidden_size ("
                    + hiddenSize + ")");
        }
        if (table.rows() != arch.numPuzzleIds()) {
            throw new IllegalArgumentException("puzzle_table.rows (" + table.rows()
                    + ") differs from arch.num_puzzle_ids (" + arch.numPuzzleIds() + ")");
        }
    }

    private static void checkIdentifiers(String file, String sha256) {
        if (file == null) {
            if (sha256 != null) {
                throw new IllegalArgumentException("field 'identifiers_sha256' is set but 'identifiers' is missing");
            }
            return;
        }
        if (file.isBlank()) {
            throw new IllegalArgumentException("field 'identifiers' is empty");
        }
        if (sha256 == null) {
            throw new IllegalArgumentException("field 'identifiers_sha256' is missing (the identifiers file '"
                    + file + "' must come with its sha256)");
        }
        checkSha256("identifiers_sha256", sha256);
    }

    /** An optional digest field: absent, or 64 hex digits. */
    private static void checkSha256(String field, String sha256) {
        if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("field '" + field + "' is not a sha256 (64 hex digits): '"
                    + sha256 + "'");
        }
    }

    static String tooNew(int version) {
        return "manifest format_version " + version + " is newer than this trm4j supports ("
                + SUPPORTED_FORMAT_VERSION + ")";
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("field '" + field + "' must be > 0, got " + value);
        }
    }
}
