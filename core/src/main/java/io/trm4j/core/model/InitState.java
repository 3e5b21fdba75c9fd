package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static java.util.Objects.requireNonNull;

/**
 * The learned initial state: {@code y_init} and {@code z_init}, each {@code [D]}, broadcast to every
 * position of every row. Read from {@code init.bin}: 2*D little-endian float32, y then z.
 */
public record InitState(float[] y, float[] z) {
    public InitState {
        requireNonNull(y, "y is null");
        requireNonNull(z, "z is null");
        if (y.length != z.length || y.length == 0) {
            throw new IllegalArgumentException("y_init and z_init must have the same non-zero length, got "
                    + y.length + " and " + z.length);
        }
    }

    public int hiddenSize() {
        return y.length;
    }

    /** The size and the first values, not the arrays' identities. */
    @Override
    public String toString() {
        return "InitState[hiddenSize=" + y.length + ", y=" + head(y) + ", z=" + head(z) + "]";
    }

    private static String head(float[] v) {
        float[] first = java.util.Arrays.copyOf(v, Math.min(v.length, 4));
        String s = java.util.Arrays.toString(first);
        return v.length > first.length ? s.substring(0, s.length() - 1) + ", ...]" : s;
    }

    /** Decodes init.bin; {@code origin} and {@code field} name the file for messages. */
    public static InitState decode(byte[] bytes, int hiddenSize, String origin) {
        long expected = 8L * hiddenSize;
        if (bytes.length != expected) {
            throw new TrmException(origin + ": expected " + expected + " bytes (2 * hidden_size " + hiddenSize
                    + " float32), found " + bytes.length);
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] y = new float[hiddenSize];
        float[] z = new float[hiddenSize];
        buf.asFloatBuffer().get(y).get(z);
        for (int i = 0; i < hiddenSize; i++) {
            if (!Float.isFinite(y[i]) || !Float.isFinite(z[i])) {
                throw new TrmException(origin + ": non-finite value at index " + i);
            }
        }
        return new InitState(y, z);
    }
}
