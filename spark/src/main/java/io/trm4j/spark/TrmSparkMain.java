package io.trm4j.spark;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code spark-submit --class io.trm4j.spark.TrmSparkMain trm4j-spark.jar --head sudoku --input
 * puzzles.csv --output results.parquet}: solves every row of a file and writes one result row per
 * input row; ARC ({@code --head arc}) runs the explode / solve / vote / pass@2 pipeline. Prints a
 * summary (rows, errors, solved, correct, puzzles/s) on stdout.
 */
@Command(name = "trm4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve a file of puzzles on Spark with a TRM model, one reasoner per executor.")
public final class TrmSparkMain implements Callable<Integer> {
    @Option(names = "--head", paramLabel = "NAME", description = "Task head (default: the model's).")
    String head;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "CSV (header), JSON lines, Parquet or text lines; for arc: a directory of task files or JSONL.")
    String input;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Where the results go.")
    String output;

    @Option(names = "--format", paramLabel = "F", description = "Output format: parquet, csv or json "
            + "(default: from --output's extension).")
    String format;

    @Option(names = "--input-format", paramLabel = "F", description = "csv, jsonl, parquet or txt (default: from the extension).")
    String inputFormat;

    @Option(names = "--model", paramLabel = "NAME|DIR",
            description = "A bundled model, or a model directory every executor can read (default: the head's bundled model).")
    String model;

    @Option(names = "--ship-model", description = "Ship --model DIR with the job (SparkFiles) instead of reading it from a shared path.")
    boolean ship;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "64", description = "Puzzles per loop run (default: 64).")
    int batch;

    @Option(names = "--column", paramLabel = "COL",
            description = "The puzzle column (default: question, puzzle, input or value, the first present).")
    String column;

    @Option(names = "--id-column", paramLabel = "COL", description = "Copied to the output's id column.")
    String idColumn;

    @Option(names = "--expected-column", paramLabel = "COL",
            description = "Expected answers: adds `correct` (default: answer, when present).")
    String expectedColumn;

    @Option(names = "--keep", split = ",", paramLabel = "COL", description = "Input columns to copy to the output.")
    List<String> keep = List.of();

    @Option(names = "--limit", paramLabel = "N", description = "The first N rows only.")
    Integer limit;

    @Option(names = "--partitions", paramLabel = "N", description = "Repartition the input (default: as read).")
    Integer partitions;

    @Option(names = "--fallback", description = "arc: run tasks the model does not know with its fallback embedding.")
    boolean fallback;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master when not run by spark-submit, e.g. local[2].")
    String master;

    @Option(names = "--overwrite", description = "Replace --output if it exists.")
    boolean overwrite;

    /** The run settings taken as flags, added from the settings table. */
    static final List<Setting> SETTINGS = List.of(Setting.MAX_STEPS, Setting.HALTING, Setting.THREADS);

    private final PrintStream out;
    private CommandSpec commandSpec;

    public TrmSparkMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs without exiting; exit code 0 ok, 2 bad usage or input. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TrmSparkMain main = new TrmSparkMain(out);
        CommandLine cli = new CommandLine(main);
        // Declared once, in the settings table: flag, placeholder, help and checks.
        CommandSpec spec = cli.getCommandSpec();
        for (Setting s : SETTINGS) {
            spec.addOption(OptionSpec.builder(s.flag()).paramLabel(s.paramLabel()).type(String.class)
                    .description(s.description()).build());
        }
        main.commandSpec = spec;
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            err.println("trm4j-spark: " + message(e));
            return 2;
        });
        return cli.execute(args);
    }

    /**
     * The first trm4j error in the chain, else the error's first line: a failed task's error reaches
     * the driver as text inside Spark's, stack trace included.
     */
    static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TrmException) {
                return t.getMessage();
            }
        }
        return e.toString().lines().findFirst().orElse(e.getClass().getName());
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        String m = checkModel(); // before Spark starts: a bad model or head costs no session
        SparkSession.Builder builder = SparkSession.builder().appName("trm4j-spark");
        if (master != null) {
            builder = builder.master(master);
        }
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            ModelSpec spec = spec(spark, m);
            if ("arc".equals(head)) {
                return runArc(spark, spec, start);
            }
            Dataset<Row> in = Inputs.read(spark, input, inputFormat);
            in = limit != null ? in.limit(limit) : in;
            in = partitions != null ? in.repartition(partitions) : in;
            String puzzle = Inputs.pick(in, column, List.of("question", "puzzle", "input", "value"), "puzzle");
            String expected = expectedColumn != null ? expectedColumn
                    : List.of(in.columns()).contains("answer") && !"answer".equals(puzzle) ? "answer" : null;
            SolveJob job = new SolveJob(spec, puzzle, idColumn, expected, keep, batch);
            Dataset<Row> results = TrmSpark.solve(in, job).persist(StorageLevel.MEMORY_AND_DISK());
            long t0 = System.nanoTime();
            long n = results.count(); // the solving itself, timed apart from the session start and the write
            double seconds = (System.nanoTime() - t0) / 1e9;
            Inputs.write(results, output, format, overwrite);
            Summary.of(results, expected != null).print(out, n, seconds, (System.nanoTime() - start) / 1e9, output);
            return 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * Loads the model once here, on the driver: a missing model or a head that cannot use it fails
     * now, in one line, not in every task of the job. Returns the model's name or directory.
     */
    private String checkModel() {
        String m = model != null ? model : head;
        if (m == null) {
            throw new TrmException("give --model NAME|DIR or --head NAME (a head's bundled model)");
        }
        String check = Files.isDirectory(Path.of(m)) ? Path.of(m).toAbsolutePath().toString() : m;
        try (Reasoner<?, ?> r = Trm.load(check, LoadOptions.builder().threads(1).head(head).build())) {
            out.printf(Locale.ROOT, "model %s, head %s%n", r.model().name(), r.head().name());
        }
        return m;
    }

    private ModelSpec spec(SparkSession spark, String m) {
        ModelSpec spec;
        if (ship) {
            if (!Files.isDirectory(Path.of(m))) {
                throw new TrmException("--ship-model needs --model DIR, a model directory on this machine: " + m);
            }
            spec = ModelSpec.ship(spark.sparkContext(), Path.of(m));
        } else {
            spec = ModelSpec.of(Files.isDirectory(Path.of(m)) ? Path.of(m).toAbsolutePath().toString() : m);
        }
        Map<Setting, String> given = new EnumMap<>(Setting.class);
        for (Setting s : SETTINGS) {
            given.put(s, commandSpec.findOption(s.flag()).getValue());
        }
        Settings flags = Settings.of(given, "the command line"); // parsed and checked by the table
        return spec.withHead("arc".equals(head) ? null : head).withMaxSteps(flags.integer(Setting.MAX_STEPS))
                .withHalting(given.get(Setting.HALTING))
                .withThreads(flags.integer(Setting.THREADS));
    }

    private int runArc(SparkSession spark, ModelSpec spec, long start) {
        Dataset<Row> tasks = Inputs.readArcTasks(spark, input);
        tasks = limit != null ? tasks.limit(limit) : tasks;
        ArcSpark.Results r = ArcSpark.run(tasks, Inputs.TASK, Inputs.FILE, fallback, spec, batch,
                partitions != null ? partitions : 0);
        Dataset<Row> perTask = r.tasks();
        Dataset<Row> perInput = r.testInputs(); // persisted by ArcSpark.run
        long t0 = System.nanoTime();
        long inputs = perInput.count();
        double seconds = (System.nanoTime() - t0) / 1e9;
        Inputs.write(perInput, output, format, overwrite);
        List<Row> rows = perTask.collectAsList();
        long pass = rows.stream().filter(t -> Boolean.TRUE.equals(t.getAs("pass2"))).count();
        long labelled = rows.stream().filter(t -> t.getAs("pass2") != null).count();
        long errors = rows.stream().filter(t -> t.getAs("error") != null).count();
        out.printf(Locale.ROOT, "%d tasks, %d test inputs in %.1f s; pass@2 %d/%d labelled tasks; %d tasks with errors"
                + "; per test input -> %s (%.1f s in all)%n", rows.size(), inputs, seconds, pass, labelled, errors,
                output, (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
