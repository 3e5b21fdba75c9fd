package io.trm4j.core.testing;

import io.trm4j.core.model.InitState;
import io.trm4j.core.runtime.CellShape;
import io.trm4j.core.runtime.NullCell;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntBinaryOperator;

/**
 * A scripted cell for loop tests (no native session): row r's q_halt at its step k is
 * {@code q.applyAsInt(r, k)} and its prediction is token {@code pred.applyAsInt(r, k)} at every
 * position. Rows are identified by their puzzle id, so compaction mistakes show up as wrong rows.
 * {@link NullCell} keeps the batch and the output buffers; this class writes the script into them.
 */
public class FakeCell extends NullCell {
    private final IntBinaryOperator q;
    private final IntBinaryOperator pred;
    private long[] rowIds = new long[0];
    private int[] stepOf = new int[0];
    public final List<Integer> batchSizes = new ArrayList<>();
    public int closes;
    public int admits;

    public FakeCell(CellShape shape, IntBinaryOperator q, IntBinaryOperator pred) {
        super(shape);
        this.q = q;
        this.pred = pred;
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        super.start(tokens, puzzleIds, init);
        rowIds = puzzleIds.clone();
        stepOf = new int[batchSize()];
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        int old = batchSize();
        super.admit(tokens, puzzleIds, init);
        rowIds = Arrays.copyOf(rowIds, batchSize());
        stepOf = Arrays.copyOf(stepOf, batchSize());
        Arrays.fill(stepOf, old, batchSize(), 0); // compaction leaves stale counts past the live rows
        System.arraycopy(puzzleIds, 0, rowIds, old, tokens.length);
        admits++;
    }

    @Override
    public void step() {
        batchSizes.add(batchSize());
        FloatBuffer logits = logits();
        int l = shape().seqLen();
        int v = shape().vocabSize();
        for (int i = 0; i < batchSize(); i++) {
            int row = (int) rowIds[i];
            int k = ++stepOf[i];
            qHalt().put(i, q.applyAsInt(row, k));
            int token = pred.applyAsInt(row, k);
            for (int p = 0; p < l; p++) {
                for (int t = 0; t < v; t++) {
                    logits.put((i * l + p) * v + t, t == token ? 1f : 0f);
                }
            }
        }
    }

    @Override
    public void compact(int[] keep, int count) {
        for (int i = 0; i < count; i++) {
            rowIds[i] = rowIds[keep[i]];
            stepOf[i] = stepOf[keep[i]];
        }
        super.compact(keep, count);
    }

    @Override
    public void close() {
        closes++;
    }
}
