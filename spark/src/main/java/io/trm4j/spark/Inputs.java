package io.trm4j.spark;

import io.trm4j.core.TrmException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.split;

/** Reading and writing the job's files; the format comes from the extension unless given. */
final class Inputs {
    /** Where ARC task files' text and names land ({@link #readArcTasks}). */
    static final String TASK = "task";
    static final String FILE = "file";

    private Inputs() {
    }

    /** CSV (with a header, every column a string), JSON lines, Parquet or text lines ({@code value}). */
    static Dataset<Row> read(SparkSession spark, String path, String format) {
        String f = format != null ? format : formatOf(path, "csv, jsonl, parquet or txt");
        return switch (f) {
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "false")
                    .option("mode", "PERMISSIVE").csv(path);
            case "json", "jsonl" -> spark.read().json(path);
            case "parquet" -> spark.read().parquet(path);
            case "txt", "text" -> spark.read().text(path);
            default -> throw new TrmException("unknown input format '" + f + "'; expected csv, jsonl, parquet or txt");
        };
    }

    /**
     * ARC tasks: a directory (or glob) of task files ({@code *.json}; others are skipped), one task
     * per file, each named by its file ({@code 007bbfb7.json} is task {@code 007bbfb7}); or JSON
     * lines, one task per line (the id in its JSON). Columns {@code task} (the JSON text) and
     * {@code file} (the name without extension).
     */
    static Dataset<Row> readArcTasks(SparkSession spark, String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl")) {
            return spark.read().text(path).withColumnRenamed("value", TASK)
                    .withColumn(FILE, lit(null).cast("string"));
        }
        return spark.read().option("wholetext", "true").option("pathGlobFilter", "*.json").text(path)
                .withColumnRenamed("value", TASK)
                .withColumn(FILE, regexp_extract(element_at(split(input_file_name(), "/"), -1),
                        "^(.*?)(\\.json)?$", 1));
    }

    /** The first of {@code candidates} the input has, for a column the user did not name. */
    static String pick(Dataset<Row> input, String given, List<String> candidates, String role) {
        if (given != null) {
            return given;
        }
        List<String> names = Arrays.asList(input.columns());
        return candidates.stream().filter(names::contains).findFirst().orElseThrow(() -> new TrmException(
                "no " + role + " column: the input has " + names + "; name one with --" + role + "-column"
                        + " (looked for " + candidates + ")"));
    }

    /** Writes {@code results} as Parquet, CSV (with a header) or JSON lines. */
    static void write(Dataset<Row> results, String path, String format, boolean overwrite) {
        String f = format != null ? format : formatOf(path, "parquet, csv or json");
        var writer = results.write().mode(overwrite ? "overwrite" : "errorifexists");
        switch (f) {
            case "parquet" -> writer.parquet(path);
            case "csv" -> writer.option("header", "true").csv(path);
            case "json", "jsonl" -> writer.json(path);
            default -> throw new TrmException("unknown output format '" + f + "'; expected parquet, csv or json");
        }
    }

    private static String formatOf(String path, String expected) {
        String name = path.replaceAll("/+$", "");
        int dot = name.lastIndexOf('.');
        int slash = name.lastIndexOf('/');
        if (dot <= slash) {
            throw new TrmException(path + ": no extension to tell the format by; give --format (" + expected + ")");
        }
        return name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
