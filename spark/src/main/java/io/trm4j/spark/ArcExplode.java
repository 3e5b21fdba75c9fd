package io.trm4j.spark;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.arc.ArcPair;
import io.trm4j.heads.arc.ArcTask;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Stage 1 of ARC at scale: a task becomes one row per (test input, augmentation), encoded by the ARC
 * head itself (each test input as a one-input task, so the rows and their order are exactly the
 * head's). A task the head rejects (bad JSON, unknown to the model) becomes one row with
 * {@code error} set.
 */
final class ArcExplode implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private static final ArcHead HEAD = new ArcHead();

    private final int taskColumn;
    private final int idColumn;
    private final boolean fallback;
    private final ModelInfoSource info;

    ArcExplode(int taskColumn, int idColumn, boolean fallback, ModelInfoSource info) {
        this.taskColumn = taskColumn;
        this.idColumn = idColumn;
        this.fallback = fallback;
        this.info = info;
    }

    @Override
    public Iterator<Row> call(Row row) {
        String id = idColumn < 0 || row.isNullAt(idColumn) ? null : String.valueOf(row.get(idColumn));
        try {
            String text = row.isNullAt(taskColumn) ? null : row.getString(taskColumn);
            if (text == null || text.isBlank()) {
                throw new TrmException("no task: the task column is empty");
            }
            ArcTask task = HEAD.parse(text);
            if (task.id() == null && id != null) {
                task = HEAD.withSourceName(task, id);
            }
            if (fallback) {
                task = task.withUnknownTask(ArcTask.UnknownTask.FALLBACK);
            }
            return explode(task, info.get()).iterator();
        } catch (TrmException e) {
            return List.of(RowFactory.create(id, -1, -1, 0, null, null, fallback, null, null, e.getMessage()))
                    .iterator();
        }
    }

    static List<Row> explode(ArcTask task, ModelInfo model) {
        List<Row> out = new ArrayList<>();
        for (int t = 0; t < task.test().size(); t++) {
            ArcPair pair = task.test().get(t);
            EncodedBatch rows = HEAD.encode(single(task, pair), model);
            String output = pair.hasOutput() ? pair.output().toJson() : null;
            boolean fallback = task.unknownTask() == ArcTask.UnknownTask.FALLBACK;
            for (int a = 0; a < rows.rows(); a++) {
                out.add(RowFactory.create(task.id(), t, a, rows.rows(), pair.input().toJson(), output, fallback,
                        ArcRows.pack(rows.tokens()[a]), rows.puzzleIds()[a], null));
            }
        }
        return out;
    }

    /** The task with only {@code pair} to predict: what one test input's rows and vote are made of. */
    static ArcTask single(ArcTask task, ArcPair pair) {
        return new ArcTask(task.id(), List.of(), List.of(pair), task.unknownTask());
    }
}
