package io.trm4j.core.bench;

import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * A cell whose step does nothing: logits and q_halt sit in direct native-order buffers of the
 * real cell's shape, so timing a loop over it measures only the loop (argmax over [B, L, V],
 * halting bookkeeping, results). Logits hold a fixed pattern so argmax does real comparisons.
 * Used by JMH's {@code LoopOverheadBenchmark} and to JIT-warm the loop before {@link LoopBenchmark}
 * measures it.
 */
public final class NullCell implements Cell {
    private final CellShape shape;
    private FloatBuffer logits = FloatBuffer.allocate(0);
    private FloatBuffer qHalt = FloatBuffer.allocate(0);
    private int batch;

    public NullCell(CellShape shape) {
        this.shape = java.util.Objects.requireNonNull(shape, "shape is null");
    }

    @Override
    public CellShape shape() {
        return shape;
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        batch = 0;
        admit(tokens, puzzleIds, init);
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        batch += tokens.length;
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
