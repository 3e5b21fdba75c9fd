package io.trm4j.spark;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.when;

/**
 * ARC at scale, TRM's protocol spread over a cluster: {@link #explode} makes one row per (task, test
 * input, augmentation) (a task has up to ~1000 augmentations), {@link #solveRows} runs them wherever
 * they land, {@link #vote} groups the rows of each test input back together and lets the ARC head
 * map them back and vote, {@link #passAt2} scores each task. Each stage keeps the head's own code:
 * a test input's attempts are exactly what {@code ArcHead} gives on one machine.
 */
public final class ArcSpark {
    private ArcSpark() {
    }

    /** What {@link #run} returns: one row per test input ({@link ArcRows#VOTED}) and one per task. */
    public record Results(Dataset<Row> testInputs, Dataset<Row> tasks) {
    }

    /**
     * The whole pipeline. {@code tasks} holds ARC task JSON in {@code taskColumn} and, optionally, the
     * task's id (e.g. the file name) in {@code idColumn} (null: the id must be in the JSON).
     * {@code partitions} spreads the exploded rows (0 keeps Spark's default parallelism). The
     * per-test-input results are persisted (memory and disk) so that both results come from one
     * run of the model: unpersist them when done.
     */
    public static Results run(Dataset<Row> tasks, String taskColumn, String idColumn, boolean fallback,
                              ModelSpec spec, int batchSize, int partitions) {
        ModelInfoSource info = ModelInfoSource.of(spec);
        Dataset<Row> exploded = explode(tasks, taskColumn, idColumn, fallback, info);
        int n = partitions > 0 ? partitions : tasks.sparkSession().sparkContext().defaultParallelism();
        Dataset<Row> voted = vote(solveRows(exploded.repartition(n), spec, batchSize), info)
                .persist(StorageLevel.MEMORY_AND_DISK());
        return new Results(voted, passAt2(voted));
    }

    /** Stage 1: one {@link ArcRows#EXPLODED} row per (task, test input, augmentation), or per bad task. */
    public static Dataset<Row> explode(Dataset<Row> tasks, String taskColumn, String idColumn, boolean fallback,
                                       ModelInfoSource info) {
        int task = TrmSpark.column(tasks.schema(), taskColumn, "task", true);
        int id = idColumn == null ? -1 : TrmSpark.column(tasks.schema(), idColumn, "id", false);
        return tasks.flatMap(new ArcExplode(task, id, fallback, info), Encoders.row(ArcRows.EXPLODED));
    }

    /** Stage 2: each exploded row through the model ({@link ArcRows#PREDICTED}). */
    public static Dataset<Row> solveRows(Dataset<Row> exploded, ModelSpec spec, int batchSize) {
        return exploded.mapPartitions(new ArcRowSolver(spec, batchSize), Encoders.row(ArcRows.PREDICTED));
    }

    /** Stage 3: the vote per test input ({@link ArcRows#VOTED}); bad tasks come through as error rows. */
    public static Dataset<Row> vote(Dataset<Row> predicted, ModelInfoSource info) {
        StructType voted = ArcRows.VOTED;
        Dataset<Row> good = predicted.filter(col(ArcRows.ERROR).isNull());
        int taskId = ArcRows.at(ArcRows.TASK_ID);
        int error = ArcRows.at(ArcRows.ERROR);
        Dataset<Row> bad = predicted.filter(col(ArcRows.ERROR).isNotNull())
                .map((MapFunction<Row, Row>) r -> RowFactory.create(r.get(taskId), null, null, null, null, null, null,
                        null, null, null, null, null, null, r.get(error)), Encoders.row(voted));
        Dataset<Row> votes = good.groupByKey((MapFunction<Row, String>) ArcVote::key, Encoders.STRING())
                .mapGroups(new ArcVote(info), Encoders.row(voted));
        return votes.unionByName(bad);
    }

    /**
     * Stage 4: per task, {@code test_inputs}, {@code solved_inputs} and {@code pass2} (every test
     * output among its two attempts; null when the task gives no test outputs), {@code error} when
     * the task or one of its test inputs could not run.
     */
    public static Dataset<Row> passAt2(Dataset<Row> voted) {
        Column labelled = col(ArcRows.TEST_OUTPUT).isNotNull();
        return voted.groupBy(col(ArcRows.TASK_ID))
                .agg(count(col(ArcRows.TEST_INDEX)).as("test_inputs"),
                        count(when(col("solved"), true)).as("solved_inputs"),
                        when(count(when(labelled, true)).equalTo(count(expr("*")))
                                        .and(count(col(ArcRows.ERROR)).equalTo(0)),
                                count(when(col("solved"), true)).equalTo(count(expr("*")))).as("pass2"),
                        first(col(ArcRows.ERROR), true).as(ArcRows.ERROR))
                .orderBy(col(ArcRows.TASK_ID));
    }
}
