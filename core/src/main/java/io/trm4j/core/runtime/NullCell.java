package io.trm4j.core.runtime;

import io.trm4j.core.model.InitState;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import static java.util.Objects.requireNonNull;

/**
 * A cell with no model: it keeps the rows' bookkeeping of the {@link Cell} contract, and its
 * logits and q_halt sit in direct native-order buffers of the real cell's shape, but its step
 * computes nothing. Running the loop over it costs only the loop (argmax over [B, L, V], halting
 * bookkeeping, results): {@code trm bench} and the JMH loop benchmark time it so, and it warms
 * the loop's code before a real measurement. Logits hold a fixed pattern so argmax does real
 * comparisons. Open for scripted cells (tests) that write their outputs into {@link #logits()}
 * and {@link #qHalt()} in {@link #step()}.
 */
public class NullCell implements Cell {
    private final CellShape shape;
    private FloatBuffer logits = FloatBuffer.allocate(0);
    private FloatBuffer qHalt = FloatBuffer.allocate(0);
    private int batch;

    public NullCell(CellShape shape) {
        this.shape = requireNonNull(shape, "shape is null");
    }

    @Override
    public CellShape shape() {
        return shape;
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        batch = 0;
        addRows(tokens.length);
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        addRows(tokens.length);
    }

    private void addRows(int rows) {
        batch += rows;
        if (logits.capacity() < batch * shape.logitFloats()) {
            logits = direct(batch * shape.logitFloats());
            for (int i = 0; i < logits.capacity(); i++) {
                logits.put(i, (i * 31 % 17) / 17f);
            }
            qHalt = direct(batch);
        }
    }

    private static FloatBuffer direct(int floats) {
        return ByteBuffer.allocateDirect(4 * floats).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    @Override
    public void step() {
        // The native session run is what this cell leaves out.
    }

    @Override
    public int batchSize() {
        return batch;
    }

    @Override
    public FloatBuffer logits() {
        return logits;
    }

    @Override
    public FloatBuffer qHalt() {
        return qHalt;
    }

    @Override
    public FloatBuffer y() {
        return FloatBuffer.allocate(0);
    }

    @Override
    public FloatBuffer z() {
        return FloatBuffer.allocate(0);
    }

    @Override
    public void compact(int[] keep, int count) {
        batch = count;
    }

    @Override
    public void close() {
    }
}
