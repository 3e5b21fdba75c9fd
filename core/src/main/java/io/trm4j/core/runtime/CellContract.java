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
    /** Rows of a puzzle table kept outside the graph, float32 {@code [B, D]} (manifest format 2). */
    public static final String PUZZLE_EMB = "puzzle_emb";
    public static final String Y_OUT = "y_out";
    public static final String Z_OUT = "z_out";
    public static final String LOGITS = "logits";
    public static final String Q_HALT = "q_halt";

    /** Marks the dynamic batch axis in expected shapes. */
    private static final long ANY = -1;

    private CellContract() {
    }

    /** How the graph takes the puzzle identity (its optional fourth input). */
    public enum PuzzleInput {
        /** No fourth input: the model has a single puzzle embedding or none. */
        NONE,
        /** {@code puzzle_ids} int64 {@code [B]}: the table is inside the graph. */
        IDS,
        /** {@code puzzle_emb} float32 {@code [B, D]}: rows of the manifest's {@code puzzle_table}. */
        EMB
    }

    /**
     * @param puzzleTable whether the manifest has a {@code puzzle_table} (then the graph must take
     *                    {@code puzzle_emb} and not {@code puzzle_ids}; otherwise never {@code puzzle_emb})
     * @throws TrmException naming the graph file, the tensor and the mismatch
     */
    public static PuzzleInput check(OrtSession session, CellShape shape, boolean puzzleTable, String origin) {
        try {
            return check(session.getInputInfo(), session.getOutputInfo(), shape, puzzleTable, origin);
        } catch (OrtException e) {
            throw new TrmException(origin + ": cannot read the graph's inputs/outputs: " + e.getMessage(), e);
        }
    }

    static PuzzleInput check(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs, CellShape s,
                             boolean puzzleTable, String origin) {
        Set<String> unexpected = new TreeSet<>(inputs.keySet());
        unexpected.removeAll(Set.of(TOKENS, Y, Z, PUZZLE_IDS, PUZZLE_EMB));
        if (!unexpected.isEmpty()) {
            throw new TrmException(origin + ": unexpected graph inputs " + unexpected
                    + "; the cell contract allows tokens, y, z and puzzle_ids or puzzle_emb");
        }
        long l = s.seqLen();
        long st = s.stateLen();
        long d = s.hidden();
        long v = s.vocabSize();
        expect(inputs, TOKENS, OnnxJavaType.INT64, new long[] {ANY, l}, "input", origin);
        expect(inputs, Y, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "input", origin);
        expect(inputs, Z, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "input", origin);
        PuzzleInput puzzle = puzzleInput(inputs, puzzleTable, origin);
        if (puzzle == PuzzleInput.IDS) {
            expect(inputs, PUZZLE_IDS, OnnxJavaType.INT64, new long[] {ANY}, "input", origin);
        } else if (puzzle == PuzzleInput.EMB) {
            expect(inputs, PUZZLE_EMB, OnnxJavaType.FLOAT, new long[] {ANY, d}, "input", origin);
        }
        expect(outputs, Y_OUT, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "output", origin);
        expect(outputs, Z_OUT, OnnxJavaType.FLOAT, new long[] {ANY, st, d}, "output", origin);
        expect(outputs, LOGITS, OnnxJavaType.FLOAT, new long[] {ANY, l, v}, "output", origin);
        expect(outputs, Q_HALT, OnnxJavaType.FLOAT, new long[] {ANY}, "output", origin);
        return puzzle;
    }

    private static PuzzleInput puzzleInput(Map<String, NodeInfo> inputs, boolean puzzleTable, String origin) {
        boolean ids = inputs.containsKey(PUZZLE_IDS);
        boolean emb = inputs.containsKey(PUZZLE_EMB);
        if (puzzleTable) {
            if (!emb) {
                throw new TrmException(origin + ": the manifest has a 'puzzle_table' but the graph has no input '"
                        + PUZZLE_EMB + "' (has " + inputs.keySet() + "); the cell must take the table's rows "
                        + "as puzzle_emb float32 [B, hidden_size]");
            }
            if (ids) {
                throw new TrmException(origin + ": the graph takes both '" + PUZZLE_IDS + "' and '" + PUZZLE_EMB
                        + "'; with a 'puzzle_table' it must take only " + PUZZLE_EMB);
            }
            return PuzzleInput.EMB;
        }
        if (emb) {
            throw new TrmException(origin + ": the graph takes '" + PUZZLE_EMB + "' (rows of a puzzle table kept "
                    + "outside the graph) but the manifest has no 'puzzle_table' (format_version 2)");
        }
        return ids ? PuzzleInput.IDS : PuzzleInput.NONE;
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
