package io.trm4j.spark;

import io.trm4j.core.TrmException;

import java.io.Serializable;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A solve job: which model, which columns, how many puzzles per loop run.
 *
 * @param model          what each executor loads
 * @param inputColumn    the string column holding each puzzle in the head's text form
 * @param idColumn       a column copied to {@code id} (as a string), or null
 * @param expectedColumn a string column with the expected answer in the head's text form, or null;
 *                       when given the output has {@code correct}
 * @param keepColumns    other input columns copied to the output unchanged
 * @param batchSize      puzzles per {@code reasonAll} call (one loop run)
 */
public record SolveJob(ModelSpec model, String inputColumn, String idColumn, String expectedColumn,
                       List<String> keepColumns, int batchSize) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_BATCH = 64;
    public static final int MAX_BATCH = 65_536;

    public SolveJob {
        requireNonNull(model, "model is null");
        requireNonNull(inputColumn, "inputColumn is null");
        keepColumns = List.copyOf(requireNonNull(keepColumns, "keepColumns is null"));
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new TrmException("batch size must be in 1.." + MAX_BATCH + ", got " + batchSize);
        }
    }

    /** Puzzles in {@code inputColumn}, no id, no expected answers, batches of {@value #DEFAULT_BATCH}. */
    public static SolveJob of(ModelSpec model, String inputColumn) {
        return new SolveJob(model, inputColumn, null, null, List.of(), DEFAULT_BATCH);
    }

    public SolveJob withId(String column) {
        return new SolveJob(model, inputColumn, column, expectedColumn, keepColumns, batchSize);
    }

    public SolveJob withExpected(String column) {
        return new SolveJob(model, inputColumn, idColumn, column, keepColumns, batchSize);
    }

    public SolveJob withKeep(List<String> columns) {
        return new SolveJob(model, inputColumn, idColumn, expectedColumn, columns, batchSize);
    }

    public SolveJob withBatchSize(int value) {
        return new SolveJob(model, inputColumn, idColumn, expectedColumn, keepColumns, value);
    }
}
