package io.trm4j.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.PrintStream;
import java.util.Locale;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.when;

/** The figures a solve job prints: rows, errors, verdicts, exact answers, steps, throughput. */
record Summary(long errors, long solved, long labelled, long correct, double meanSteps, String firstError) {
    static Summary of(Dataset<Row> results, boolean hasExpected) {
        Row r = results.agg(
                count(col(ResultSchema.ERROR)),
                count(when(col(ResultSchema.VERDICT).equalTo("SOLVED"), true)),
                hasExpected ? count(col(ResultSchema.CORRECT)) : count(when(col(ResultSchema.VERDICT).isNull(), 1)),
                hasExpected ? count(when(col(ResultSchema.CORRECT), true)) : count(when(col(ResultSchema.VERDICT)
                        .isNull(), 1)),
                avg(col(ResultSchema.STEPS)),
                first(col(ResultSchema.ERROR), true)).first();
        return new Summary(r.getLong(0), r.getLong(1), hasExpected ? r.getLong(2) : 0, hasExpected ? r.getLong(3) : 0,
                r.isNullAt(4) ? 0 : r.getDouble(4), r.isNullAt(5) ? null : r.getString(5));
    }

    void print(PrintStream out, long rows, double seconds, double wallSeconds, String output) {
        out.printf(Locale.ROOT, "%d rows in %.1f s: %.2f puzzles/s (%.1f s in all, with Spark's start and the write)%n",
                rows, seconds, seconds > 0 ? rows / seconds : 0, wallSeconds);
        out.printf(Locale.ROOT, "solved (verified) %d, errors %d, mean steps %.2f%n", solved, errors, meanSteps);
        if (labelled > 0) {
            out.printf(Locale.ROOT, "exact %d/%d (%.1f%%)%n", correct, labelled, 100.0 * correct / labelled);
        }
        if (firstError != null) {
            out.println("first error: " + firstError);
        }
        out.println("results -> " + output);
    }
}
