package io.trm4j.bench.harness;

import io.trm4j.core.model.Arch;
import io.trm4j.core.model.Manifest;

import static java.util.Objects.requireNonNull;

/**
 * Floating-point operations of one supervision step for one row, counted from the manifest's
 * {@code arch} the way export-scripts/trm/model.py computes: matrix products only (a
 * multiply-add is 2 FLOPs); norms, activations, RoPE and adds are left out (a few percent).
 * One step applies the network {@code H_cycles * (L_cycles + 1)} times; each application runs
 * {@code num_layers} blocks of (mlp_t over the sequence, or attention) plus a SwiGLU over the
 * hidden axis; then the heads: {@code lm_head} on all S positions (the graph slices after it) and
 * {@code q_head} on position 0.
 *
 * @param mixerPerBlock  the sequence mixer of one block (mlp_t SwiGLU, or qkv/scores/AV/o)
 * @param mlpPerBlock    the hidden-axis SwiGLU of one block
 * @param netCalls       network applications per step
 * @param heads          lm_head + q_head
 */
public record FlopCounter(long mixerPerBlock, long mlpPerBlock, int numLayers, int netCalls, long heads) {

    public FlopCounter {
        if (numLayers < 1 || netCalls < 1) {
            throw new IllegalArgumentException("numLayers and netCalls must be >= 1");
        }
    }

    /** FLOPs of one step of one row. */
    public long perRowStep() {
        return (mixerPerBlock + mlpPerBlock) * numLayers * netCalls + heads;
    }

    public static FlopCounter of(Manifest m) {
        requireNonNull(m, "manifest is null");
        Arch a = m.arch();
        long s = m.stateLen();
        long d = m.hiddenSize();
        long mixer = switch (a.variant()) {
            case "mlp_t" -> swiGlu(d, s, a.expansion());   // D rows of width S
            case "attention" -> 8 * s * d * d + 4 * s * s * d; // qkv 3SD^2 + o SD^2 (x2), QK^T and AV 2S^2D (x2)
            default -> throw new IllegalArgumentException("unknown arch.variant '" + a.variant()
                    + "': FLOPs are counted for mlp_t and attention");
        };
        long mlp = swiGlu(s, d, a.expansion());                // S rows of width D
        long heads = 2 * s * d * m.vocabSize() + 2 * d * 2;
        return new FlopCounter(mixer, mlp, a.numLayers(), a.hCycles() * (a.lCycles() + 1), heads);
    }

    /** gate_up (width -> 2I) and down (I -> width) on {@code rows} vectors: 2 * rows * width * 3I. */
    static long swiGlu(long rows, long width, double expansion) {
        return 2 * rows * width * 3 * swiGluInter(width, expansion);
    }

    /** trm/model.py's swiglu_inter: round(expansion * width * 2/3) (half to even, as Python) up to a multiple of 256. */
    static long swiGluInter(long width, double expansion) {
        long r = (long) Math.rint(expansion * width * 2 / 3);
        return (r + 255) / 256 * 256;
    }
}
