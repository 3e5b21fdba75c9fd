package io.trm4j.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The row shapes of ARC at scale. {@link #EXPLODED}: one row per (task, test input, augmentation),
 * with its encoded tokens (int32 little-endian) and puzzle id, or a task the head could not read
 * ({@code error} set, no tokens). {@link #PREDICTED}: the same with the loop's result (argmax as
 * int32 little-endian). {@link #VOTED}: one row per test input after the vote.
 */
final class ArcRows {
    static final String TASK_ID = "task_id";
    static final String TEST_INDEX = "test_index";
    static final String AUG_INDEX = "aug_index";
    static final String AUGMENTATIONS = "augmentations";
    static final String TEST_INPUT = "test_input";
    static final String TEST_OUTPUT = "test_output";
    static final String FALLBACK = "fallback";
    static final String TOKENS = "tokens";
    static final String PUZZLE_ID = "puzzle_id";
    static final String ARGMAX = "argmax";
    static final String CONFIDENCE = "confidence";
    static final String STEPS = "steps";
    static final String ERROR = "error";

    static final StructType EXPLODED = new StructType()
            .add(TASK_ID, DataTypes.StringType)
            .add(TEST_INDEX, DataTypes.IntegerType)
            .add(AUG_INDEX, DataTypes.IntegerType)
            .add(AUGMENTATIONS, DataTypes.IntegerType)
            .add(TEST_INPUT, DataTypes.StringType)
            .add(TEST_OUTPUT, DataTypes.StringType)
            .add(FALLBACK, DataTypes.BooleanType)
            .add(TOKENS, DataTypes.BinaryType)
            .add(PUZZLE_ID, DataTypes.LongType)
            .add(ERROR, DataTypes.StringType);

    static final StructType PREDICTED = EXPLODED
            .add(ARGMAX, DataTypes.BinaryType)
            .add(CONFIDENCE, DataTypes.FloatType)
            .add(STEPS, DataTypes.IntegerType);

    /** One test input after the vote; {@code solved} is pass@2 for it (null without its expected output). */
    static final StructType VOTED = new StructType()
            .add(TASK_ID, DataTypes.StringType)
            .add(TEST_INDEX, DataTypes.IntegerType)
            .add("attempt_1", DataTypes.StringType)
            .add("attempt_2", DataTypes.StringType)
            .add("candidates", DataTypes.IntegerType)
            .add("top_votes", DataTypes.IntegerType)
            .add("rows", DataTypes.IntegerType)
            .add("invalid_rows", DataTypes.IntegerType)
            .add("mean_steps", DataTypes.DoubleType)
            .add(TEST_OUTPUT, DataTypes.StringType)
            .add("verdict", DataTypes.StringType)
            .add("detail", DataTypes.StringType)
            .add("solved", DataTypes.BooleanType)
            .add(ERROR, DataTypes.StringType);

    private ArcRows() {
    }

    /**
     * The index of an {@link #EXPLODED} / {@link #PREDICTED} field (the same in both). Rows handed from
     * one typed function to the next may come without a schema, so fields are read by index.
     */
    static int at(String field) {
        return PREDICTED.fieldIndex(field);
    }

    static byte[] pack(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putInt(Math.toIntExact(v));
        }
        return b.array();
    }

    static byte[] pack(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static int[] unpackInts(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] out = new int[bytes.length / Integer.BYTES];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }

    static long[] unpackLongs(byte[] bytes) {
        int[] ints = unpackInts(bytes);
        long[] out = new long[ints.length];
        for (int i = 0; i < ints.length; i++) {
            out[i] = ints[i];
        }
        return out;
    }

    /** The values of {@code row} (an {@link #EXPLODED} row) followed by {@code more}. */
    static Object[] extend(Row row, Object... more) {
        Object[] out = new Object[row.length() + more.length];
        for (int i = 0; i < row.length(); i++) {
            out[i] = row.get(i);
        }
        System.arraycopy(more, 0, out, row.length(), more.length);
        return out;
    }
}
