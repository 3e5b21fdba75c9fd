package io.trm4j.spark;

import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.TaskHead;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Pulls {@code batchSize} rows at a time from a partition, parses them with the head, runs the valid
 * ones in one {@code reasonAll} call and yields one output row per input row, in order. A row the
 * head rejects (or whose expected answer it cannot read) gets {@code error}; it never stops the
 * partition. Only one batch is held at a time.
 */
final class BatchIterator<I, O> implements Iterator<Row> {
    private final Reasoner<I, O> reasoner;
    private final TaskHead<I, O> head;
    private final Iterator<Row> source;
    private final SolveJob job;
    private final PartitionSolver.Columns columns;
    private final Deque<Row> ready = new ArrayDeque<>();

    BatchIterator(Reasoner<I, O> reasoner, Iterator<Row> source, SolveJob job, PartitionSolver.Columns columns) {
        this.reasoner = reasoner;
        this.head = reasoner.head();
        this.source = source;
        this.job = job;
        this.columns = columns;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && source.hasNext()) {
            runBatch();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void runBatch() {
        List<Row> batch = new ArrayList<>(job.batchSize());
        while (batch.size() < job.batchSize() && source.hasNext()) {
            batch.add(source.next());
        }
        List<I> inputs = new ArrayList<>(batch.size());
        String[] errors = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            try {
                inputs.add(parse(batch.get(i)));
            } catch (TrmException e) {
                errors[i] = e.getMessage();
            }
        }
        List<Reasoning<O>> results = inputs.isEmpty() ? List.of() : reasoner.reasonAll(inputs);
        int k = 0;
        for (int i = 0; i < batch.size(); i++) {
            Row row = batch.get(i);
            ready.add(errors[i] != null ? failed(row, errors[i]) : solved(row, inputs.get(k), results.get(k++)));
        }
    }

    /** The row's puzzle, checked as far as the head can without the loop (like the evaluator does). */
    private I parse(Row row) {
        String text = row.isNullAt(columns.input()) ? null : row.getString(columns.input());
        if (text == null || text.isBlank()) {
            throw new TrmException("no puzzle: the " + job.inputColumn() + " column is empty");
        }
        I input = head.parse(text);
        head.encode(input, reasoner.model()); // e.g. a maze larger than the model's canvas fails here
        return input;
    }

    private Row solved(Row row, I input, Reasoning<O> r) {
        Boolean correct = null;
        String error = null;
        String expected = expected(row);
        if (expected != null && !expected.isBlank()) {
            try {
                correct = ExpectedAnswers.matches(head, input, r.answer(), expected);
            } catch (TrmException e) {
                error = "bad expected answer: " + e.getMessage();
            }
        }
        return assemble(row, head.render(r.answer(), RenderStyle.COMPACT), r.verdict().status().name(),
                r.verdict().detail(), r.steps(), r.confidence(), correct, error);
    }

    private Row failed(Row row, String error) {
        return assemble(row, null, null, null, null, null, null, error);
    }

    private Row assemble(Row row, String answer, String verdict, String detail, Integer steps, Float confidence,
                         Boolean correct, String error) {
        List<Object> values = new ArrayList<>(10 + columns.keep().length);
        if (columns.id() >= 0) {
            values.add(row.isNullAt(columns.id()) ? null : String.valueOf(row.get(columns.id())));
        }
        for (int k : columns.keep()) {
            values.add(row.get(k));
        }
        values.add(row.isNullAt(columns.input()) ? null : row.getString(columns.input()));
        if (columns.expected() >= 0) {
            values.add(expected(row));
        }
        values.add(answer);
        values.add(verdict);
        values.add(detail);
        values.add(steps);
        values.add(confidence);
        if (columns.expected() >= 0) {
            values.add(correct);
        }
        values.add(error);
        return RowFactory.create(values.toArray());
    }

    private String expected(Row row) {
        return columns.expected() < 0 || row.isNullAt(columns.expected()) ? null : row.getString(columns.expected());
    }
}
