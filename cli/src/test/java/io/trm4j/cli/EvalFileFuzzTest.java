package io.trm4j.cli;

import io.trm4j.cli.config.Setting;
import io.trm4j.cli.config.SettingsResolver;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.testing.Fuzz;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sudoku.SudokuHead;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 8, fuzzing the CLI's file readers: evaluation files (CSV and JSON lines, read as the
 * sudoku, maze and sequence heads read them) and {@code --config} files, given mutated valid
 * files, random text, random bytes (invalid UTF-8 included) and huge files: cases, or a
 * {@code TrmException} with a message; never another exception or a hang.
 */
class EvalFileFuzzTest {
    private static final List<TaskHead<?, ?>> HEADS = List.of(new SudokuHead(), new MazeHead(), new SequenceHead());
    private static final List<String> NAMES = List.of("cases.csv", "cases.jsonl", "cases.txt");
    private static final String PUZZLE = "53..7....6..195....98....6.8...6...34..8.3..17...2...6.6....28....419..5....8..79";
    private static final List<String> EVAL_VALID = List.of(
            "question,answer,difficulty_class\n" + PUZZLE + "," + PUZZLE.replace('.', '1') + ",easy\n"
                    + PUZZLE + "," + PUZZLE + ",hard\n",
            "question,answer\n\"1, 2, 3\",4\n\"2, 4, 8\",16\n",
            "question,answer,source\n\"#####\n#S G#\n#####\",\"#####\n#SoG#\n#####\",gen\n",
            "{\"id\": \"A1\", \"terms\": [1, 2, 3, 4, 5], \"family\": \"lin\"}\n{\"terms\": [2, 4, 8, 16]}\n",
            "{\"terms\": [1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610]}\n\n{\"terms\": []}\n");
    private static final List<String> CONFIG_VALID = List.of(
            "# trm config\nmodel = sudoku\nthreads = 2\nmax_steps: 16\nhalting = act\n",
            "serve.port=8080\nserve.max_batch=64\nserve.queue = 256\nserve.timeout_ms=1000\nprovider=cpu\n",
            "patience = 2\n! comment\nhead=tokens\nserve.host = 0.0.0.0\nserve.max_body_bytes = 1048576\n");

    private static Path dir;

    @BeforeContainer
    static void makeDir() throws IOException {
        dir = Files.createTempDirectory("trm-fuzz");
    }

    @AfterContainer
    static void removeDir() throws IOException {
        Fuzz.report("EvalFileFuzzTest");
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property
    void evalFiles(@ForAll("evalTexts") String text, @ForAll("names") String name, @ForAll("heads") int head,
                   @ForAll("groups") String groupBy) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Fuzz.typedOrValid("eval file " + name, () -> EvalFile.read(file, 0, groupBy, HEADS.get(head)));
    }

    @Property
    void evalFileBytes(@ForAll byte[] bytes, @ForAll("names") String name, @ForAll("heads") int head) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        Fuzz.typedOrValid("eval file bytes " + name, () -> EvalFile.read(file, 0, null, HEADS.get(head)));
    }

    @Property
    void hugeEvalFiles(@ForAll("hugeEval") Fuzz.Big big, @ForAll("names") String name) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, big.text().getBytes(StandardCharsets.UTF_8));
        Fuzz.typedOrValid("huge eval file " + name, () -> EvalFile.read(file, 0, null, HEADS.get(2)));
    }

    @Property
    void configFiles(@ForAll("configTexts") String text) throws IOException {
        Path file = dir.resolve("trm.conf");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        Fuzz.typedOrValid("config file", () -> new SettingsResolver(Map.of()).resolve(Map.of(), file));
    }

    @Property
    void configBytesAndFlags(@ForAll byte[] bytes, @ForAll("configTexts") String flag) throws IOException {
        Path file = dir.resolve("trm.conf");
        Files.write(file, bytes);
        Fuzz.typedOrValid("config bytes", () -> new SettingsResolver(Map.of()).resolve(Map.of(), file));
        Setting s = Setting.values()[Math.floorMod(flag.hashCode(), Setting.values().length)];
        Fuzz.typedOrValid("flag " + s, () -> new SettingsResolver(Map.of("TRM_" + s.name(), flag))
                .resolve(Map.of(s, flag), null));
    }

    @Provide
    Arbitrary<String> evalTexts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Fuzz.mutated(EVAL_VALID, "\",\n\r{}[]:0123456789.#SG ?\uFEFF")),
                Tuple.of(2, Fuzz.json(List.of("terms", "id", "family", "source", "difficulty_class", "question")).list()
                        .ofMaxSize(5).map(l -> String.join("\n", l))),
                Tuple.of(1, Fuzz.anyString()),
                Tuple.of(2, Fuzz.syntax("\",\n\r{}[]:0123456789q", 300)));
    }

    @Provide
    Arbitrary<Fuzz.Big> hugeEval() {
        return Fuzz.huge(EVAL_VALID, "\",\n{[1");
    }

    @Provide
    Arbitrary<String> configTexts() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Fuzz.mutated(CONFIG_VALID, "=:#!\n .0123456789abcdefghijklmnopqrstuvwxyz_")),
                Tuple.of(2, Fuzz.anyString()),
                Tuple.of(2, Fuzz.syntax("=:#!\n .0123456789-", 200)));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of(NAMES);
    }

    @Provide
    Arbitrary<Integer> heads() {
        return Arbitraries.integers().between(0, HEADS.size() - 1);
    }

    @Provide
    Arbitrary<String> groups() {
        return Arbitraries.of("difficulty_class", "family", "nope").injectNull(0.6);
    }
}
