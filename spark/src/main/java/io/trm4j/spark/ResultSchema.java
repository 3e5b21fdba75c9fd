package io.trm4j.spark;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/**
 * The output of a solve job, one row per input row, in input order within each partition:
 * {@code id} (when an id column is given), the kept columns, {@code puzzle}, {@code expected} (when
 * given), then the result: {@code answer} (the head's compact rendering), {@code verdict}
 * ({@code SOLVED}, {@code UNSOLVED}, {@code UNVERIFIED}), {@code detail} (the verdict's reason),
 * {@code steps}, {@code confidence}, {@code correct} (when expected answers are given) and
 * {@code error}: null for a row that ran, else why it could not (its result columns are null).
 */
final class ResultSchema {
    static final String ID = "id";
    static final String PUZZLE = "puzzle";
    static final String EXPECTED = "expected";
    static final String ANSWER = "answer";
    static final String VERDICT = "verdict";
    static final String DETAIL = "detail";
    static final String STEPS = "steps";
    static final String CONFIDENCE = "confidence";
    static final String CORRECT = "correct";
    static final String ERROR = "error";
    static final List<String> RESERVED = List.of(ID, PUZZLE, EXPECTED, ANSWER, VERDICT, DETAIL, STEPS, CONFIDENCE,
            CORRECT, ERROR);

    private ResultSchema() {
    }

    static StructType of(SolveJob job, StructType input) {
        List<StructField> fields = new ArrayList<>();
        if (job.idColumn() != null) {
            fields.add(field(ID, DataTypes.StringType));
        }
        for (String keep : job.keepColumns()) {
            fields.add(input.apply(keep));
        }
        fields.add(field(PUZZLE, DataTypes.StringType));
        if (job.expectedColumn() != null) {
            fields.add(field(EXPECTED, DataTypes.StringType));
        }
        fields.add(field(ANSWER, DataTypes.StringType));
        fields.add(field(VERDICT, DataTypes.StringType));
        fields.add(field(DETAIL, DataTypes.StringType));
        fields.add(field(STEPS, DataTypes.IntegerType));
        fields.add(field(CONFIDENCE, DataTypes.FloatType));
        if (job.expectedColumn() != null) {
            fields.add(field(CORRECT, DataTypes.BooleanType));
        }
        fields.add(field(ERROR, DataTypes.StringType));
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }
}
