package io.trm4j.spark;

import io.trm4j.core.Reasoner;
import io.trm4j.core.loop.RowResult;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 2 of ARC at scale: the exploded rows of a partition through the executor's model,
 * {@code batchSize} rows per loop run; rows that carry an error pass through without a result.
 */
final class ArcRowSolver implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final int batchSize;

    ArcRowSolver(ModelSpec spec, int batchSize) {
        this.spec = spec;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        Reasoner<EncodedRow, RowResult> reasoner = ExecutorReasoners.get(spec, new EncodedRowHead());
        int tokens = ArcRows.EXPLODED.fieldIndex(ArcRows.TOKENS);
        int puzzleId = ArcRows.EXPLODED.fieldIndex(ArcRows.PUZZLE_ID);
        return new Iterator<>() {
            private final List<Row> ready = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                if (next == ready.size() && rows.hasNext()) {
                    ready.clear();
                    next = 0;
                    runBatch();
                }
                return next < ready.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return ready.get(next++);
            }

            private void runBatch() {
                List<Row> batch = new ArrayList<>(batchSize);
                List<EncodedRow> inputs = new ArrayList<>(batchSize);
                while (batch.size() < batchSize && rows.hasNext()) {
                    Row r = rows.next();
                    batch.add(r);
                    if (r.isNullAt(tokens)) {
                        continue;
                    }
                    inputs.add(new EncodedRow(ArcRows.unpackLongs(r.getAs(tokens)), r.getLong(puzzleId)));
                }
                List<RowResult> results = new ArrayList<>(inputs.size());
                if (!inputs.isEmpty()) {
                    reasoner.reasonAll(inputs).forEach(res -> results.add(res.answer()));
                }
                int k = 0;
                for (Row r : batch) {
                    if (r.isNullAt(tokens)) {
                        ready.add(RowFactory.create(ArcRows.extend(r, null, null, null)));
                    } else {
                        RowResult res = results.get(k++);
                        ready.add(RowFactory.create(ArcRows.extend(r, ArcRows.pack(res.argmax()), res.confidence(),
                                res.steps())));
                    }
                }
            }
        };
    }
}
