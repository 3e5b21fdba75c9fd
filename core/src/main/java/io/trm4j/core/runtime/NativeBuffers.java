package io.trm4j.core.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Native-order direct memory for up to {@code capacity} rows; ORT reads and writes it in place.
 * {@code puzzleEmb} ({@code [capacity, D]}, the gathered puzzle-table rows) exists only for a cell
 * that takes {@code puzzle_emb}.
 */
final class NativeBuffers {
    private final int capacity;
    private final LongBuffer tokens;
    private final LongBuffer puzzleIds;
    private final FloatBuffer puzzleEmb;
    private final FloatBuffer[] y = new FloatBuffer[2];
    private final FloatBuffer[] z = new FloatBuffer[2];
    private final FloatBuffer logits;
    private final FloatBuffer qHalt;

    NativeBuffers(CellShape shape, int capacity, boolean withPuzzleEmb) {
        this.capacity = capacity;
        this.tokens = direct(8L * capacity * shape.seqLen()).asLongBuffer();
        this.puzzleIds = direct(8L * capacity).asLongBuffer();
        this.puzzleEmb = withPuzzleEmb ? floats((long) capacity * shape.hidden()) : null;
        for (int i = 0; i < 2; i++) {
            y[i] = floats((long) capacity * shape.stateFloats());
            z[i] = floats((long) capacity * shape.stateFloats());
        }
        this.logits = floats((long) capacity * shape.logitFloats());
        this.qHalt = floats(capacity);
    }

    private static ByteBuffer direct(long bytes) {
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch too large for one buffer: " + bytes + " bytes");
        }
        return ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
    }

    private static FloatBuffer floats(long count) {
        return direct(4L * count).asFloatBuffer();
    }

    int capacity() {
        return capacity;
    }

    LongBuffer tokens() {
        return tokens;
    }

    LongBuffer puzzleIds() {
        return puzzleIds;
    }

    /** {@code null} unless the cell takes {@code puzzle_emb}. */
    FloatBuffer puzzleEmb() {
        return puzzleEmb;
    }

    FloatBuffer y(int set) {
        return y[set];
    }

    FloatBuffer z(int set) {
        return z[set];
    }

    FloatBuffer logits() {
        return logits;
    }

    FloatBuffer qHalt() {
        return qHalt;
    }
}
