package io.trm4j.spark;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.testing.Fixtures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Spark job on a local[2] session gives what the single-machine reasoner gives, row for row. */
class TrmSparkTest {
    private static final int SUDOKU_STEPS = 6;
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

    private static Dataset<Row> sudokuSample() {
        String csv = Path.of("src/test/resources/sudoku_sample.csv").toAbsolutePath().toString();
        return spark.read().option("header", "true").csv(csv).repartition(2);
    }

    @Test
    void sudokuMatchesTheSingleMachineReasonerAndBadRowsCarryAnError() {
        ModelSpec spec = ModelSpec.of("sudoku").withMaxSteps(SUDOKU_STEPS).withThreads(1);
        List<Row> out = TrmSpark.solve(sudokuSample(),
                        SolveJob.of(spec, "question").withId("source").withExpected("answer")
                                .withKeep(List.of("difficulty_class")).withBatchSize(4))
                .collectAsList();
        assertEquals(12, out.size());
        int errors = 0;
        try (Reasoner<Object, Object> r = Trm.load("sudoku", spec.loadOptions())) {
            for (Row row : out) {
                String puzzle = row.getAs("puzzle");
                if (row.getAs("id").toString().startsWith("bad")) {
                    errors++;
                    assertNotNull(row.getAs("error"), row.toString());
                    assertNull(row.getAs("answer"));
                    assertNull(row.getAs("correct"));
                    continue;
                }
                assertNull(row.getAs("error"), row.toString());
                Reasoning<Object> alone = r.reasonText(puzzle);
                assertEquals(r.head().render(alone.answer(), RenderStyle.COMPACT), row.getAs("answer"), puzzle);
                assertEquals(alone.verdict().status().name(), row.getAs("verdict"));
                assertEquals(alone.verdict().detail(), row.getAs("detail"));
                assertEquals(alone.steps(), (int) row.getAs("steps"));
                assertEquals(alone.confidence(), (float) row.getAs("confidence"), 1e-4f);
                boolean exact = ExpectedAnswers.matches(r.head(), r.head().parse(puzzle), alone.answer(), row.getAs("expected"));
                assertEquals(exact, row.getAs("correct"));
                assertNotNull(row.getAs("difficulty_class"));
            }
        }
        assertEquals(2, errors);
        Row bad = out.stream().filter(r -> "bad_short".equals(r.getAs("id"))).findFirst().orElseThrow();
        assertTrue(((String) bad.getAs("error")).contains("81"), bad.toString());
    }

    @Test
    void tokensHeadOnAShippedModelMatchesTheSingleMachineReasoner() {
        Path dir = Fixtures.dir(Fixtures.MLPT);
        ModelSpec spec = ModelSpec.ship(spark.sparkContext(), dir).withMaxSteps(5).withThreads(1);
        assertTrue(spec.shipped());
        List<String> inputs = tokenRows(9, 7);
        inputs.add("1 2 3");              // wrong length for the model: an error row
        inputs.add("1 2 x 4");            // not tokens
        StructType schema = new StructType().add("tokens", DataTypes.StringType).add("n", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            rows.add(RowFactory.create(inputs.get(i), i));
        }
        Dataset<Row> in = spark.createDataFrame(rows, schema).repartition(2);
        List<Row> out = TrmSpark.solve(in, SolveJob.of(spec, "tokens").withId("n").withBatchSize(3)).collectAsList();
        assertEquals(inputs.size(), out.size());
        try (Reasoner<Object, Object> r = Trm.load(dir, LoadOptions.builder().threads(1)
                .reasonDefaults(ReasonOptions.builder().maxSteps(5).build()).build())) {
            for (Row row : out) {
                int n = Integer.parseInt(row.getAs("id"));
                if (n >= 9) {
                    assertNotNull(row.getAs("error"), row.toString());
                    continue;
                }
                Reasoning<Object> alone = r.reasonText(inputs.get(n));
                assertEquals(r.head().render(alone.answer(), RenderStyle.COMPACT), row.getAs("answer"));
                assertEquals("UNVERIFIED", row.getAs("verdict"));
                assertEquals(5, (int) row.getAs("steps"));
                assertEquals(alone.confidence(), (float) row.getAs("confidence"), 1e-5f);
            }
        }
    }

    @Test
    void oneReasonerPerSpecIsReusedAcrossJobs() {
        ModelSpec spec = ModelSpec.of(Fixtures.dir(Fixtures.ATTN).toString()).withMaxSteps(2).withThreads(1);
        Dataset<Row> in = spark.createDataFrame(List.of(RowFactory.create(tokenRows(1, 3).get(0))),
                new StructType().add("t", DataTypes.StringType));
        TrmSpark.solve(in, SolveJob.of(spec, "t")).collectAsList();
        int loaded = ExecutorReasoners.loadedCount();
        TrmSpark.solve(in, SolveJob.of(spec, "t")).collectAsList();
        assertEquals(loaded, ExecutorReasoners.loadedCount());
    }

    @Test
    void aMissingOrNonTextColumnFailsBeforeTheJobRuns() {
        SolveJob job = SolveJob.of(ModelSpec.of("sudoku"), "puzzle");
        TrmException e = assertThrows(TrmException.class, () -> TrmSpark.solve(sudokuSample(), job));
        assertEquals("no puzzle column 'puzzle' in the input; its columns are [source, question, answer, "
                + "difficulty_class]", e.getMessage());
        Dataset<Row> numbers = spark.createDataFrame(List.of(RowFactory.create(1)),
                new StructType().add("puzzle", DataTypes.IntegerType));
        e = assertThrows(TrmException.class, () -> TrmSpark.solve(numbers, job));
        assertTrue(e.getMessage().startsWith("the puzzle column 'puzzle' holds int, not strings"), e.getMessage());
        e = assertThrows(TrmException.class, () -> TrmSpark.solve(sudokuSample(),
                SolveJob.of(ModelSpec.of("sudoku"), "question").withKeep(List.of("answer"))));
        assertTrue(e.getMessage().contains("clashes"), e.getMessage());
    }

    static List<String> tokenRows(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int p = 0; p < 16; p++) {
                sb.append(p == 0 ? "" : " ").append(1 + random.nextInt(7));
            }
            out.add(sb.toString());
        }
        return out;
    }
}
