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
        @JsonProperty("provenance") JsonNode provenance) {

    /** The newest manifest format this runtime reads. */
    public static final int SUPPORTED_FORMAT_VERSION = 1;

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
