package io.trm4j.spark;

import io.trm4j.core.TrmException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Batch solving on Spark:
 * <pre>{@code
 * Dataset<Row> puzzles = spark.read().option("header", true).csv("sudoku.csv");
 * Dataset<Row> results = TrmSpark.solve(puzzles,
 *         SolveJob.of(ModelSpec.of("sudoku").withMaxSteps(16), "question").withExpected("answer"));
 * }</pre>
 * Each partition runs through the executor's one reasoner for the spec ({@link ExecutorReasoners}),
 * {@code batchSize} puzzles per loop run. A row the head cannot read comes out with {@code error}
 * set; it never fails the job. The output's columns: {@link ResultSchema}.
 */
public final class TrmSpark {
    private TrmSpark() {
    }

    public static Dataset<Row> solve(Dataset<Row> puzzles, SolveJob job) {
        StructType in = puzzles.schema();
        int input = column(in, job.inputColumn(), "puzzle", true);
        int id = job.idColumn() == null ? -1 : column(in, job.idColumn(), "id", false);
        int expected = job.expectedColumn() == null ? -1 : column(in, job.expectedColumn(), "expected", true);
        Set<String> taken = new HashSet<>(ResultSchema.RESERVED);
        int[] keep = new int[job.keepColumns().size()];
        for (int k = 0; k < keep.length; k++) {
            String name = job.keepColumns().get(k);
            keep[k] = column(in, name, "kept", false);
            if (!taken.add(name)) {
                throw new TrmException("kept column '" + name + "' clashes with an output column "
                        + ResultSchema.RESERVED + " or another kept column");
            }
        }
        StructType out = ResultSchema.of(job, in);
        return puzzles.mapPartitions(new PartitionSolver(job, new PartitionSolver.Columns(input, id, expected, keep)),
                Encoders.row(out));
    }

    /** The index of column {@code name}; a text column must hold strings. */
    static int column(StructType schema, String name, String role, boolean text) {
        if (name == null || name.isBlank()) {
            throw new TrmException("the " + role + " column name is blank");
        }
        int at = Arrays.asList(schema.fieldNames()).indexOf(name);
        if (at < 0) {
            throw new TrmException("no " + role + " column '" + name + "' in the input; its columns are "
                    + Arrays.toString(schema.fieldNames()));
        }
        StructField f = schema.fields()[at];
        DataType type = f.dataType();
        if (text && !type.equals(DataTypes.StringType)) {
            throw new TrmException("the " + role + " column '" + name + "' holds " + type.simpleString()
                    + ", not strings (puzzles and answers are in the head's text form)");
        }
        return at;
    }
}
