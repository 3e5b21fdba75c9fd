package io.trm4j.core.testing;

import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.Cell;
import io.trm4j.core.runtime.CellShape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * A scripted cell for loop tests (no native session): row r's q_halt at its step k is
 * {@code q.applyAsInt(r, k)} and its prediction is token {@code pred.applyAsInt(r, k)} at every
 * position. Rows are identified by their puzzle id, so compaction mistakes show up as wrong rows.
 */
public class FakeCell implements Cell {
    private final CellShape shape;
    private final IntBinaryOperator q;
    private final IntBinaryOperator pred;
    private long[] rowIds = new long[0];
    private int[] stepOf = new int[0];
    private int batch;
    private FloatBuffer logits;
    private FloatBuffer qHalt;
    public final List<Integer> batchSizes = new ArrayList<>();
    public int closes;
    public int admits;

    public FakeCell(CellShape shape, IntBinaryOperator q, IntBinaryOperator pred) {
        this.shape = shape;
        this.q = q;
        this.pred = pred;
    }

    @Override
    public CellShape shape() {
        return shape;
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        batch = tokens.length;
        rowIds = puzzleIds.clone();
        stepOf = new int[batch];
        logits = FloatBuffer.allocate(batch * shape.logitFloats());
        qHalt = FloatBuffer.allocate(batch);
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        int old = batch;
        batch = old + tokens.length;
        rowIds = java.util.Arrays.copyOf(rowIds, batch);
        stepOf = java.util.Arrays.copyOf(stepOf, batch);
        java.util.Arrays.fill(stepOf, old, batch, 0); // compaction leaves stale counts past the live rows
        System.arraycopy(puzzleIds, 0, rowIds, old, tokens.length);
        if (logits.capacity() < batch * shape.logitFloats()) {
            logits = FloatBuffer.allocate(batch * shape.logitFloats());
            qHalt = FloatBuffer.allocate(batch);
        }
        admits++;
    }

    @Override
    public void step() {
        batchSizes.add(batch);
        for (int i = 0; i < batch; i++) {
            int row = (int) rowIds[i];
            int k = ++stepOf[i];
            qHalt.put(i, q.applyAsInt(row, k));
            int token = pred.applyAsInt(row, k);
            for (int p = 0; p < shape.seqLen(); p++) {
                for (int t = 0; t < shape.vocabSize(); t++) {
                    logits.put((i * shape.seqLen() + p) * shape.vocabSize() + t, t == token ? 1f : 0f);
                }
            }
        }
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
        for (int i = 0; i < count; i++) {
            rowIds[i] = rowIds[keep[i]];
            stepOf[i] = stepOf[keep[i]];
        }
        batch = count;
    }

    @Override
    public void close() {
        closes++;
    }
}
