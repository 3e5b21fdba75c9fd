package io.trm4j.core.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/**
 * The manifest's {@code arch} block: informational (the cell graph already fixes the math), so keys
 * that only describe the graph ({@code pos_encodings}, {@code grid_width}, {@code halt_readout}) are
 * not read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Arch(
        @JsonProperty("variant") String variant,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_heads") int numHeads,
        @JsonProperty("expansion") double expansion,
        @JsonProperty("num_layers") int numLayers,
        @JsonProperty("L_cycles") int lCycles,
        @JsonProperty("H_cycles") int hCycles,
        @JsonProperty("puzzle_emb_len") int puzzleEmbLen,
        @JsonProperty("num_puzzle_ids") int numPuzzleIds,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("params") long params) {

    public Arch {
        requireNonNull(variant, "arch.variant is missing");
        if (hiddenSize <= 0) {
            throw new IllegalArgumentException("arch.hidden_size must be > 0, got " + hiddenSize);
        }
        if (params < 0) {
            throw new IllegalArgumentException("arch.params must be >= 0, got " + params);
        }
    }
}
