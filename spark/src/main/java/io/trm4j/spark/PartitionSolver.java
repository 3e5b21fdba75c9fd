package io.trm4j.spark;

import io.trm4j.core.Reasoner;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Iterator;

/** One partition of a solve job: its rows through the executor's reasoner, in batches. */
final class PartitionSolver implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    /** Where the job's columns sit in an input row (-1: not given). */
    record Columns(int input, int id, int expected, int[] keep) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private final SolveJob job;
    private final Columns columns;

    PartitionSolver(SolveJob job, Columns columns) {
        this.job = job;
        this.columns = columns;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows; // an empty partition loads no model
        }
        Reasoner<Object, Object> reasoner = ExecutorReasoners.get(job.model());
        return new BatchIterator<>(reasoner, rows, job, columns);
    }
}
