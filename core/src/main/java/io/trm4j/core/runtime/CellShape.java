package io.trm4j.core.runtime;

import io.trm4j.core.TrmException;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Manifest;

/**
 * The cell's static dimensions.
 *
 * @param seqLen    L, tokens per row
 * @param stateLen  S, state positions per row (L + puzzle-embedding positions)
 * @param hidden    D
 * @param vocabSize V
 */
public record CellShape(int seqLen, int stateLen, int hidden, int vocabSize) {
    public CellShape {
        if (seqLen <= 0 || stateLen < seqLen || hidden <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("bad cell shape L=" + seqLen + " S=" + stateLen + " D=" + hidden
                    + " V=" + vocabSize);
        }
    }

    public static CellShape of(Manifest m) {
        return new CellShape(m.seqLen(), m.stateLen(), m.hiddenSize(), m.vocabSize());
    }

    /** Floats of y (or z) per row. */
    public int stateFloats() {
        return stateLen * hidden;
    }

    /** Floats of logits per row. */
    public int logitFloats() {
        return seqLen * vocabSize;
    }

    /** Rows a cell of this shape takes: L tokens each, started from an init state of width D. */
    public void checkRows(long[][] tokens, InitState init) {
        if (init.hiddenSize() != hidden) {
            throw new IllegalArgumentException("init state has D=" + init.hiddenSize() + ", cell has " + hidden);
        }
        for (int r = 0; r < tokens.length; r++) {
            if (tokens[r].length != seqLen) {
                throw new TrmException("row " + r + " has " + tokens[r].length + " tokens; the model takes seq_len "
                        + seqLen);
            }
        }
    }
}
