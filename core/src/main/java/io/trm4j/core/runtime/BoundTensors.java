package io.trm4j.core.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tensors of batch {@code b} over the first {@code b} rows of {@link NativeBuffers}. Wrapping a
 * direct buffer does not copy: the tensor and the buffer share memory.
 */
final class BoundTensors implements AutoCloseable {
    private final NativeBuffers buffers;
    private final int batch;
    private final List<OnnxTensor> all = new ArrayList<>(8);
    private final OnnxTensor tokens;
    private final OnnxTensor puzzleIds;
    private final OnnxTensor puzzleEmb;
    private final OnnxTensor[] y = new OnnxTensor[2];
    private final OnnxTensor[] z = new OnnxTensor[2];
    private final OnnxTensor logits;
    private final OnnxTensor qHalt;
    private final FloatBuffer logitsView;
    private final FloatBuffer qHaltView;
    private final FloatBuffer[] yView = new FloatBuffer[2];
    private final FloatBuffer[] zView = new FloatBuffer[2];

    BoundTensors(OrtEnvironment env, NativeBuffers buffers, CellShape s, int b) throws OrtException {
        this.buffers = buffers;
        this.batch = b;
        try {
            long[] stateShape = {b, s.stateLen(), s.hidden()};
            tokens = track(OnnxTensor.createTensor(env, slice(buffers.tokens(), b * s.seqLen()),
                    new long[] {b, s.seqLen()}));
            puzzleIds = track(OnnxTensor.createTensor(env, slice(buffers.puzzleIds(), b), new long[] {b}));
            puzzleEmb = buffers.puzzleEmb() == null ? null : track(OnnxTensor.createTensor(env,
                    slice(buffers.puzzleEmb(), b * s.hidden()), new long[] {b, s.hidden()}));
            for (int i = 0; i < 2; i++) {
                yView[i] = slice(buffers.y(i), b * s.stateFloats());
                zView[i] = slice(buffers.z(i), b * s.stateFloats());
                y[i] = track(OnnxTensor.createTensor(env, yView[i], stateShape));
                z[i] = track(OnnxTensor.createTensor(env, zView[i], stateShape));
            }
            logitsView = slice(buffers.logits(), b * s.logitFloats());
            qHaltView = slice(buffers.qHalt(), b);
            logits = track(OnnxTensor.createTensor(env, logitsView, new long[] {b, s.seqLen(), s.vocabSize()}));
            qHalt = track(OnnxTensor.createTensor(env, qHaltView, new long[] {b}));
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private OnnxTensor track(OnnxTensor t) {
        all.add(OrtLedger.opened(OrtLedger.Kind.TENSOR, t));
        return t;
    }

    private static FloatBuffer slice(FloatBuffer b, int length) {
        return b.slice(0, length);
    }

    private static LongBuffer slice(LongBuffer b, int length) {
        return b.slice(0, length);
    }

    NativeBuffers buffers() {
        return buffers;
    }

    int batch() {
        return batch;
    }

    OnnxTensor tokens() {
        return tokens;
    }

    OnnxTensor puzzleIds() {
        return puzzleIds;
    }

    /** {@code null} unless the buffers hold puzzle-table rows. */
    OnnxTensor puzzleEmb() {
        return puzzleEmb;
    }

    OnnxTensor y(int set) {
        return y[set];
    }

    OnnxTensor z(int set) {
        return z[set];
    }

    OnnxTensor logits() {
        return logits;
    }

    OnnxTensor qHalt() {
        return qHalt;
    }

    /** The view itself (hot path, no allocation): callers must use absolute gets only. */
    FloatBuffer logitsView() {
        return logitsView;
    }

    FloatBuffer qHaltView() {
        return qHaltView;
    }

    /** Read-only duplicates (not on the hot path). */
    FloatBuffer yView(int set) {
        return yView[set].asReadOnlyBuffer();
    }

    FloatBuffer zView(int set) {
        return zView[set].asReadOnlyBuffer();
    }

    @Override
    public void close() {
        for (OnnxTensor t : all) {
            OrtLedger.close(t);
        }
        all.clear();
    }
}
