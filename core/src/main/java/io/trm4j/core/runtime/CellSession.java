package io.trm4j.core.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.InitState;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.PuzzleTable;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The ONNX Runtime cell. State stays in native-order direct buffers: every step reads y/z from
 * one buffer set and ORT writes y_out/z_out straight into the other (pinned outputs), then the
 * sets swap, so no state is ever copied into Java arrays. Buffers grow only when a batch is
 * larger than any before; compaction moves live rows down in place and only re-wraps tensors.
 * For a model whose puzzle table lives outside the graph, {@link #start} gathers each row's table
 * row into a native {@code [B, D]} buffer bound as {@code puzzle_emb}; compaction moves those rows
 * with the rest, so no step reads the table or allocates.
 * Not thread-safe (only the driver of its {@link io.trm4j.core.loop.ContinuousLoop} touches it).
 */
public final class CellSession implements Cell {
    private final OrtSession session;
    private final ExecutionProvider provider;
    private final String providerNote;
    private final CellShape shape;
    private final CellContract.PuzzleInput puzzleInput;
    /** The model's puzzle table when the cell takes {@code puzzle_emb}, else null. */
    private final PuzzleTable table;
    private final String origin;
    private final AtomicBoolean closed = new AtomicBoolean();

    private final Map<String, OnnxTensor> inputs = new HashMap<>();
    private final Map<String, OnnxTensor> pinned = new HashMap<>();

    private NativeBuffers buffers;
    private BoundTensors bound;
    /** Which buffer set (0/1) holds the current state. */
    private int current;

    public CellSession(Model model, SessionSettings settings) {
        requireNonNull(model, "model is null");
        requireNonNull(settings, "settings is null");
        this.shape = CellShape.of(model.manifest());
        this.origin = model.source().describe(model.manifest().cell());
        this.table = model.puzzleTable();
        if (model.manifest().hasPuzzleTable() && table == null) {
            throw new TrmException(origin + ": the manifest has a 'puzzle_table' but the model has no opened table "
                    + "(load the model with ModelLoader)");
        }
        SessionFactory.Built built = SessionFactory.create(model, settings);
        this.session = built.session();
        this.provider = built.provider();
        this.providerNote = built.note();
        try {
            this.puzzleInput = CellContract.check(session, shape, table != null, origin);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** The provider the session really runs on (AUTO resolves to CPU or CUDA). */
    public ExecutionProvider provider() {
        return provider;
    }

    /** Why {@link #provider()} is not the one asked for (an {@code auto} fallback), or "" when it is. */
    public String providerNote() {
        return providerNote;
    }

    public boolean hasPuzzleIds() {
        return puzzleInput == CellContract.PuzzleInput.IDS;
    }

    /** How the graph takes the puzzle identity: ids, looked-up table rows, or not at all. */
    public CellContract.PuzzleInput puzzleInput() {
        return puzzleInput;
    }

    @Override
    public CellShape shape() {
        return shape;
    }

    @Override
    public void start(long[][] tokens, long[] puzzleIds, InitState init) {
        ensureOpen();
        checkRows(tokens, puzzleIds, init);
        int b = tokens.length;
        if (buffers == null || buffers.capacity() < b) {
            releaseTensors();
            buffers = new NativeBuffers(shape, b, puzzleInput == CellContract.PuzzleInput.EMB);
        }
        current = 0;
        writeRows(0, tokens, puzzleIds, init);
        bind(b);
    }

    @Override
    public void admit(long[][] tokens, long[] puzzleIds, InitState init) {
        int live = batchSize();
        if (live == 0) {
            start(tokens, puzzleIds, init);
            return;
        }
        ensureOpen();
        checkRows(tokens, puzzleIds, init); // before anything moves: a bad row leaves the live ones intact
        int b = live + tokens.length;
        if (buffers.capacity() < b) {
            grow(Math.max(b, 2 * buffers.capacity()), live);
        }
        writeRows(live, tokens, puzzleIds, init);
        bind(b);
    }

    private void checkRows(long[][] tokens, long[] puzzleIds, InitState init) {
        if (tokens.length == 0 || puzzleIds.length != tokens.length) {
            throw new IllegalArgumentException("need >= 1 row and one puzzle id per row");
        }
        shape.checkRows(tokens, init);
    }

    /** New buffers of {@code capacity} rows holding the first {@code live} rows of the current ones. */
    private void grow(int capacity, int live) {
        NativeBuffers next = new NativeBuffers(shape, capacity, puzzleInput == CellContract.PuzzleInput.EMB);
        int sf = shape.stateFloats();
        next.y(current).put(0, buffers.y(current), 0, live * sf);
        next.z(current).put(0, buffers.z(current), 0, live * sf);
        next.tokens().put(0, buffers.tokens(), 0, live * shape.seqLen());
        next.puzzleIds().put(0, buffers.puzzleIds(), 0, live);
        if (next.puzzleEmb() != null) {
            next.puzzleEmb().put(0, buffers.puzzleEmb(), 0, live * shape.hidden());
        }
        releaseTensors();
        buffers = next;
    }

    /** Rows {@code from..from+n) get the tokens, ids (and table rows) and {@code init} as their state. */
    private void writeRows(int from, long[][] tokens, long[] puzzleIds, InitState init) {
        int l = shape.seqLen();
        for (int r = 0; r < tokens.length; r++) {
            buffers.tokens().put((from + r) * l, tokens[r]);
            buffers.puzzleIds().put(from + r, puzzleIds[r]);
        }
        if (puzzleInput == CellContract.PuzzleInput.EMB) {
            FloatBuffer emb = buffers.puzzleEmb();
            emb.clear(); // gather writes relative to the position; tensors use absolute slices
            emb.position(from * shape.hidden());
            table.gather(puzzleIds, emb);
        }
        int to = from + tokens.length;
        broadcast(init.y(), buffers.y(current), from, to);
        broadcast(init.z(), buffers.z(current), from, to);
    }

    private void broadcast(float[] row, FloatBuffer target, int fromRow, int toRow) {
        int len = shape.stateLen();
        for (int p = fromRow * len; p < toRow * len; p++) {
            target.put(p * row.length, row);
        }
    }

    @Override
    public void step() {
        ensureOpen();
        if (bound == null) {
            throw new IllegalStateException("step() before start()");
        }
        int next = 1 - current;
        inputs.put(CellContract.Y, bound.y(current));
        inputs.put(CellContract.Z, bound.z(current));
        pinned.put(CellContract.Y_OUT, bound.y(next));
        pinned.put(CellContract.Z_OUT, bound.z(next));
        OrtSession.Result result;
        try {
            result = OrtLedger.opened(OrtLedger.Kind.RESULT, session.run(inputs, pinned));
        } catch (OrtException e) {
            throw new TrmException(origin + ": cell run failed: " + e.getMessage(), e);
        }
        OrtLedger.close(result); // pinned outputs are not owned by the result: this frees nothing of ours
        current = next;
    }

    @Override
    public int batchSize() {
        return bound == null ? 0 : bound.batch();
    }

    @Override
    public FloatBuffer logits() {
        return bound.logitsView();
    }

    @Override
    public FloatBuffer qHalt() {
        return bound.qHaltView();
    }

    @Override
    public FloatBuffer y() {
        return bound.yView(current);
    }

    @Override
    public FloatBuffer z() {
        return bound.zView(current);
    }

    @Override
    public void compact(int[] keep, int count) {
        ensureOpen();
        int b = batchSize();
        if (count < 1 || count > b) {
            throw new IllegalArgumentException("cannot keep " + count + " of " + b + " rows");
        }
        if (count == b) {
            return;
        }
        int l = shape.seqLen();
        int sf = shape.stateFloats();
        FloatBuffer y = buffers.y(current);
        FloatBuffer z = buffers.z(current);
        LongBuffer tok = buffers.tokens();
        FloatBuffer emb = buffers.puzzleEmb();
        int d = shape.hidden();
        int previous = -1;
        for (int i = 0; i < count; i++) {
            int src = keep[i];
            if (src <= previous || src >= b) {
                throw new IllegalArgumentException("keep indices must be increasing and < " + b);
            }
            previous = src;
            if (src != i) { // src > i: forward copies never overwrite a row still to be moved
                y.put(i * sf, y, src * sf, sf);
                z.put(i * sf, z, src * sf, sf);
                tok.put(i * l, tok, src * l, l);
                buffers.puzzleIds().put(i, buffers.puzzleIds().get(src));
                if (emb != null) {
                    emb.put(i * d, emb, src * d, d);
                }
            }
        }
        bind(count);
    }

    /** Re-wraps the buffers as tensors of batch {@code b} (only when it changes). */
    private void bind(int b) {
        if (bound != null && bound.batch() == b && bound.buffers() == buffers) {
            return;
        }
        releaseTensors();
        try {
            bound = new BoundTensors(SessionFactory.env(), buffers, shape, b);
        } catch (OrtException e) {
            throw new TrmException(origin + ": cannot create tensors: " + e.getMessage(), e);
        }
        inputs.clear();
        pinned.clear();
        inputs.put(CellContract.TOKENS, bound.tokens());
        if (puzzleInput == CellContract.PuzzleInput.IDS) {
            inputs.put(CellContract.PUZZLE_IDS, bound.puzzleIds());
        } else if (puzzleInput == CellContract.PuzzleInput.EMB) {
            inputs.put(CellContract.PUZZLE_EMB, bound.puzzleEmb());
        }
        pinned.put(CellContract.LOGITS, bound.logits());
        pinned.put(CellContract.Q_HALT, bound.qHalt());
    }

    private void releaseTensors() {
        if (bound != null) {
            bound.close();
            bound = null;
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new TrmException("cell session is closed");
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        releaseTensors();
        try {
            OrtLedger.close(session);
        } catch (OrtException e) {
            // Nothing useful to do: the native memory is released either way.
        }
    }
}
