package io.trm4j.spark;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.HaltReason;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.heads.arc.ArcAnswer;
import io.trm4j.heads.arc.ArcCodec;
import io.trm4j.heads.arc.ArcGrid;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.arc.ArcParser;
import io.trm4j.heads.arc.ArcPrediction;
import io.trm4j.heads.arc.ArcTask;
import io.trm4j.heads.arc.Augmentation;
import io.trm4j.heads.tokens.Tokens;
import io.trm4j.heads.tokens.TokensHead;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARC at scale. No ARC model is bundled, so the explode and vote stages run on Spark with a model
 * description and synthetic predictions (as the heads' ARC tests do) and must give what the ARC head
 * gives on one machine for the same predictions; the row-solving stage runs a real (tiny) model.
 */
class ArcSparkTest {
    private static final ArcHead HEAD = new ArcHead();
    private static final String T2 = "6150a2bd|||t2|||0123456789";
    private static final String T4 = "6150a2bd|||t4|||0213456789";
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSessions.local();
    }

    @AfterAll
    static void stop() {
        ExecutorReasoners.closeAll();
        spark.stop();
    }

    static ModelInfo model() {
        return new ModelInfo("arc-test", "arc", "", "attention", 1, List.of(), 900, 916, 16, 12, 16,
                Map.of("<blank>", 0L, "6150a2bd", 1L, T2, 2L, T4, 3L, "27a28665", 4L,
                        "27a28665|||t1|||0987654321", 5L), "test");
    }

    private static String taskText(String id) {
        try {
            return Files.readString(Path.of("src/test/resources/arc/" + id + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A deterministic fake model: the expected output in the row's frame, except that some rows of the
     * second and third test inputs predict another grid or nothing valid, so the vote matters.
     */
    static RowResult predict(int test, int aug, long puzzleId, ArcGrid expected) {
        String name = model().puzzleIds().entrySet().stream().filter(e -> e.getValue() == puzzleId)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        Augmentation a = Augmentation.fromPuzzleName(name);
        int[] argmax;
        if (test == 2) {
            argmax = new int[900]; // no valid grid
        } else if (test == 1 && aug == 0) {
            argmax = toInt(ArcCodec.encode(a.apply(ArcGrid.of(1, 1, 7))));
        } else {
            argmax = toInt(ArcCodec.encode(a.apply(expected)));
        }
        return new RowResult(new float[0], argmax, 0.5f + 0.1f * aug, 3 + aug, HaltReason.MAX_STEPS, List.of());
    }

    private static int[] toInt(long[] tokens) {
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = (int) tokens[i];
        }
        return out;
    }

    /** Stage 2 replaced by {@link #predict} on every exploded row. */
    private static final MapFunction<Row, Row> FAKE_SOLVE = r -> {
        if (r.getAs(ArcRows.at(ArcRows.ERROR)) != null) {
            return RowFactory.create(ArcRows.extend(r, null, null, null));
        }
        ArcGrid expected = ArcParser.expectedOutputs(r.getAs(ArcRows.at(ArcRows.TEST_OUTPUT))).get(0);
        RowResult p = predict(r.getAs(ArcRows.at(ArcRows.TEST_INDEX)), r.getAs(ArcRows.at(ArcRows.AUG_INDEX)), r.getAs(ArcRows.at(ArcRows.PUZZLE_ID)),
                expected);
        return RowFactory.create(ArcRows.extend(r, ArcRows.pack(p.argmax()), p.confidence(), p.steps()));
    };

    @Test
    void explodeVoteAndPassAt2MatchTheArcHeadOnOneMachine() {
        List<Row> in = List.of(RowFactory.create("6150a2bd", taskText("6150a2bd")),
                RowFactory.create("27a28665", taskText("27a28665")),
                RowFactory.create("8d5021e8", taskText("8d5021e8")),   // not in the model: an error row
                RowFactory.create("broken", "{\"test\": [{\"input\": [[1, 2], [3]]}]}"));
        Dataset<Row> tasks = spark.createDataFrame(in,
                new StructType().add("file", DataTypes.StringType).add("json", DataTypes.StringType));
        ModelInfoSource info = ArcSparkTest::model;
        Dataset<Row> exploded = ArcSpark.explode(tasks, "json", "file", false, info).repartition(2);
        assertEquals(3 + 3 * 2 + 2, exploded.count()); // 6150a2bd: 1 x 3, 27a28665: 3 x 2, two errors
        Dataset<Row> voted = ArcSpark.vote(exploded.map(FAKE_SOLVE, Encoders.row(ArcRows.PREDICTED)), info);
        Map<String, Row> byInput = new HashMap<>();
        for (Row r : voted.collectAsList()) {
            byInput.put(r.getAs(ArcRows.TASK_ID) + "/" + r.getAs(ArcRows.TEST_INDEX), r);
        }
        assertEquals(6, byInput.size(), byInput.keySet().toString());
        for (String id : List.of("6150a2bd", "27a28665")) {
            ArcTask task = HEAD.parse(taskText(id)).withId(id);
            ArcAnswer alone = oneMachine(task);
            for (int t = 0; t < task.test().size(); t++) {
                Row r = byInput.get(id + "/" + t);
                ArcPrediction p = alone.predictions().get(t);
                assertNull(r.getAs(ArcRows.ERROR), r.toString());
                assertEquals(p.hasAttempts() ? p.attempt1().toJson() : null, r.getAs("attempt_1"), id + "/" + t);
                assertEquals(p.hasAttempts() ? p.attempt2().toJson() : null, r.getAs("attempt_2"), id + "/" + t);
                assertEquals(p.candidates().size(), (int) r.getAs("candidates"));
                assertEquals(p.invalid(), (int) r.getAs("invalid_rows"));
                assertEquals(p.solves(task.test().get(t).output()), r.getAs("solved"));
            }
        }
        assertTrue(((String) byInput.get("8d5021e8/null").getAs(ArcRows.ERROR)).contains("was not trained on"));
        assertTrue(((String) byInput.get("broken/null").getAs(ArcRows.ERROR)).contains("row 2 has 1 cells"));

        Map<String, Row> tasksOut = new HashMap<>();
        ArcSpark.passAt2(voted).collectAsList().forEach(r -> tasksOut.put(r.getAs(ArcRows.TASK_ID), r));
        for (String id : List.of("6150a2bd", "27a28665")) {
            ArcTask task = HEAD.parse(taskText(id)).withId(id);
            boolean solved = HEAD.verify(task, oneMachine(task)).status() == Verdict.Status.SOLVED;
            assertEquals(solved, tasksOut.get(id).getAs("pass2"), id);
            assertEquals((long) task.test().size(), (long) tasksOut.get(id).getAs("test_inputs"));
        }
        assertEquals(true, tasksOut.get("6150a2bd").getAs("pass2"));
        assertEquals(false, tasksOut.get("27a28665").getAs("pass2"));
        assertEquals(2L, (long) tasksOut.get("27a28665").getAs("solved_inputs")); // test 2 has no valid grid
        assertNull(tasksOut.get("8d5021e8").getAs("pass2"));
        assertNotNull(tasksOut.get("8d5021e8").getAs(ArcRows.ERROR));
    }

    @Test
    void theFallbackRunsAnUnknownTaskUnderTheEightDihedralTransforms() {
        Dataset<Row> tasks = spark.createDataFrame(List.of(RowFactory.create("8d5021e8", taskText("8d5021e8"))),
                new StructType().add("file", DataTypes.StringType).add("json", DataTypes.StringType));
        List<Row> rows = ArcSpark.explode(tasks, "json", "file", true, ArcSparkTest::model).collectAsList();
        assertEquals(8, rows.size());
        ArcTask task = HEAD.parse(taskText("8d5021e8")).withId("8d5021e8")
                .withUnknownTask(ArcTask.UnknownTask.FALLBACK);
        EncodedBatch alone = HEAD.encode(task, model());
        for (Row r : rows) {
            int a = r.getAs(ArcRows.AUG_INDEX);
            assertArrayEquals(alone.tokens()[a], ArcRows.unpackLongs(r.getAs(ArcRows.TOKENS)));
            assertEquals(alone.puzzleIds()[a], (long) r.getAs(ArcRows.PUZZLE_ID));
        }
    }

    /** Stage 2 on a real model: encoded rows through Spark give the loop's single-machine rows. */
    @Test
    void solvingEncodedRowsMatchesTheSingleMachineLoop() {
        ModelSpec spec = ModelSpec.of(Fixtures.dir(Fixtures.MLPT).toString()).withMaxSteps(4).withThreads(1);
        List<String> inputs = TrmSparkTest.tokenRows(7, 21);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            long[] tokens = toLong(new TokensHead().parse(inputs.get(i)).ids());
            rows.add(RowFactory.create("t" + i, 0, i, inputs.size(), "[[0]]", null, false, ArcRows.pack(tokens), 0L,
                    null));
        }
        Dataset<Row> exploded = spark.createDataFrame(rows, ArcRows.EXPLODED).repartition(2);
        List<Row> out = ArcSpark.solveRows(exploded, spec, 3).collectAsList();
        assertEquals(inputs.size(), out.size());
        try (Reasoner<Tokens, Tokens> r = Trm.load(Fixtures.dir(Fixtures.MLPT),
                LoadOptions.builder().threads(1)
                        .reasonDefaults(ReasonOptions.builder().maxSteps(4).build()).build())) {
            for (Row row : out) {
                int i = row.getAs(ArcRows.AUG_INDEX);
                Reasoning<Tokens> alone = r.reasonText(inputs.get(i));
                assertArrayEquals(alone.answer().ids(), ArcRows.unpackInts(row.getAs(ArcRows.ARGMAX)), "row " + i);
                assertEquals(alone.confidence(), (float) row.getAs(ArcRows.CONFIDENCE), 1e-5f);
                assertEquals(4, (int) row.getAs(ArcRows.STEPS));
            }
        }
    }

    /** The whole pipeline on a real (random-weight, ARC-shaped) model against the ARC head's reasoner. */
    @Test
    void thePipelineOnARealModelGivesTheArcReasonersAttempts() {
        Path dir = Path.of("src/test/resources/fixtures/tiny-arc").toAbsolutePath();
        ModelSpec spec = ModelSpec.of(dir.toString()).withMaxSteps(2).withThreads(1);
        List<String> ids = List.of("6150a2bd", "27a28665", "8d5021e8"); // the last one on the fallback
        List<Row> in = new ArrayList<>();
        ids.forEach(id -> in.add(RowFactory.create(id, taskText(id))));
        Dataset<Row> tasks = spark.createDataFrame(in,
                new StructType().add("file", DataTypes.StringType).add("json", DataTypes.StringType));
        ArcSpark.Results results = ArcSpark.run(tasks, "json", "file", true, spec, 4, 2);
        Map<String, Row> byInput = new HashMap<>();
        results.testInputs().collectAsList()
                .forEach(r -> byInput.put(r.getAs(ArcRows.TASK_ID) + "/" + r.getAs(ArcRows.TEST_INDEX), r));
        Map<String, Row> byTask = new HashMap<>();
        results.tasks().collectAsList().forEach(r -> byTask.put(r.getAs(ArcRows.TASK_ID), r));
        try (Reasoner<ArcTask, ArcAnswer> r = Trm.load(dir, LoadOptions.builder().threads(1)
                .reasonDefaults(ReasonOptions.builder().maxSteps(2).build()).build())) {
            for (String id : ids) {
                ArcTask task = HEAD.parse(taskText(id)).withId(id).withUnknownTask(ArcTask.UnknownTask.FALLBACK);
                Reasoning<ArcAnswer> alone = r.reason(task);
                for (int t = 0; t < task.test().size(); t++) {
                    Row row = byInput.get(id + "/" + t);
                    ArcPrediction p = alone.answer().predictions().get(t);
                    assertNull(row.getAs(ArcRows.ERROR), row.toString());
                    assertEquals(p.rows(), (int) row.getAs("rows"), id);
                    assertEquals(p.hasAttempts() ? p.attempt1().toJson() : null, row.getAs("attempt_1"), id + "/" + t);
                    assertEquals(p.hasAttempts() ? p.attempt2().toJson() : null, row.getAs("attempt_2"), id + "/" + t);
                    assertEquals(p.candidates().size(), (int) row.getAs("candidates"), id + "/" + t);
                }
                assertEquals(alone.solved(), byTask.get(id).getAs("pass2"), id);
            }
        }
        assertEquals(3, (int) byInput.get("6150a2bd/0").getAs("rows"));
        assertEquals(8, (int) byInput.get("8d5021e8/0").getAs("rows"));
    }

    private static long[] toLong(int[] ids) {
        long[] out = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i];
        }
        return out;
    }

    private static ArcAnswer oneMachine(ArcTask task) {
        ModelInfo model = model();
        EncodedBatch encoded = HEAD.encode(task, model);
        int perTest = encoded.rows() / task.test().size();
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < encoded.rows(); i++) {
            rows.add(predict(i / perTest, i % perTest, encoded.puzzleIds()[i],
                    task.test().get(i / perTest).output()));
        }
        return HEAD.decode(task, encoded, rows, model);
    }
}
