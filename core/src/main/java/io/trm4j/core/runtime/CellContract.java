package io.trm4j.core.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.trm4j.core.TrmException;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cell contract (the one interface between Python and Java): checks a graph's inputs and
 * outputs, their element types and their static dimensions against the manifest's L, S, D, V.
 */
public final class CellContract {
    public static final String TOKENS = "tokens";
    public static final String Y = "y";
    public static final String Z = "z";
    public static final String PUZZLE_IDS = "puzzle_ids";
    public static final String Y_OUT = "y_out";
    public static final String Z_OUT = "z_out";
    public static final String LOGITS = "logits";
    public static final String Q_HALT = "q_halt";

    /** Marks the dynamic batch axis in expected shapes. */
    private static final long ANY = -1;

    private CellContract() {
    }

    /**
     * @return whether the graph takes {@code puzzle_ids}
     * @throws TrmException naming the graph file, the tensor and the mismatch
     */
    public static boolean check(OrtSession session, CellShape shape, String origin) {
        try {
            return check(session.getInputInfo(), session.getOutputInfo(), shape, origin);
        } catch (OrtException e) {
            throw new TrmException(origin + ": cannot read the graph's inputs/outputs: " + e.getMessage(), e);
        }
    }

    static boolean check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, CellShape s, String origin) {
        Set<String> unexpected = new TreeSet<>(inputs.keySet());
        unexpected.removeAll(Set.of(TOKENS, Y, Z, PUZZLE_IDS));
        if (!unexpected.isEmpty()) {
            throw new TrmException(origin + ": unexpected graph inputs " + unexpected
                    + "; the cell contract allows tokens, y, z, puzzle_ids");
        }
        long l = s.seqLen();
        long st = s.stateLen();
        long d = s.hidden();
        long v = s.vocabSize();
        expect(inputs, TOKENS, OnnxJavaType.INT64, new long[] {ANY, l}, "input", origin);
        expect(inputs, Y, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "input", origin);
        expect(inputs, Z, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "input", origin);
        boolean hasIds = inputs.containsKey(PUZZLE_IDS);
        if (hasIds) {
            expect(inputs, PUZZLE_IDS, OnnxJavaType.INT64, new long[] {ANY}, "input", origin);
        }
        expect(outputs, Y_OUT, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "output", origin);
        expect(outputs, Z_OUT, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "output", origin);
        expect(outputs, LOGITS, OnnxJavaType.FLOAT, new long[] {ANY, l, v}, "output", origin);
        expect(outputs, Q_HALT, OnnxJavaType.FLOAT, new long[] {ANY}, "output", origin);
        return hasIds;
    }

    private static void expect(Map<String, NodeInfo> nodes, String name, OnnxJavaType type, long[] dims,
                               String kind, String origin) {
        NodeInfo node = nodes.get(name);
        if (node == null) {
            throw new TrmException(origin + ": graph has no " + kind + " '" + name + "' (has " + nodes.keySet()
                    + "); see the cell contract");
        }
        if (!(node.getInfo() instanceof TensorInfo info)) {
            throw new TrmException(origin + ": " + kind + " '" + name + "' is not a tensor");
        }
        if (info.type != type) {
            throw new TrmException(origin + ": " + kind + " '" + name + "' has type " + info.type + ", expected "
                    + type);
        }
        long[] actual = info.getShape();
        boolean ok = actual.length == dims.length;
        for (int i = 0; ok && i < dims.length; i++) {
            // A dynamic axis in the graph (-1) is accepted anywhere; ORT checks the real shape at run time.
            ok = dims[i] == ANY || actual[i] < 0 || actual[i] == dims[i];
        }
        if (!ok) {
            throw new TrmException(origin + ": " + kind + " '" + name + "' has shape " + Arrays.toString(actual)
                    + " but the manifest implies " + Arrays.toString(dims).replace("-1", "B")
                    + " (seq_len/state_len/hidden_size/vocab_size)");
        }
    }
}
