package io.trm4j.cli;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;
import io.trm4j.core.eval.Evaluator;
import io.trm4j.core.testing.Fixtures;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.sequence.SequenceHead;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalFileTest {
    private static final String GENERATED = String.join("\n",
            "{\"terms\": [3, 5, 7, 9, 11], \"family\": \"arithmetic\"}",
            "{\"terms\": [1, 2, 3, oops]}",
            "",
            "[1, 2, 3, 4]",
            "{\"terms\": [2, 4, 8, 16, 32], \"family\": \"geometric\"}",
            "{\"terms\": [1, 2, 3], \"family\": \"arithmetic\"}",
            "{\"terms\": [1, 2, 3000000, 4], \"family\": \"arithmetic\"}",
            "{\"terms\": [1, 1, 2, 3, 5, 8], \"family\": \"fibonacci\"}") + "\n";
    private final SequenceHead head = new SequenceHead();

    @TempDir
    Path tmp;

    @Test
    void readsTheOeisLinesPredictingTheThirteenthTermFromTheFirstTwelve() throws Exception {
        Path oeis = resource("sequences/oeis_sample.jsonl");
        List<EvalCase> cases = EvalFile.read(oeis, 0, null, head);
        assertEquals(6, cases.size());
        assertEquals(new EvalCase("oeis_sample.jsonl:2", "1, 2, 4, 7, 8, 11, 13, 14, 16, 19, 21, 22", "25", "all"),
                cases.get(1));
        assertEquals("0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0", cases.get(0).input());
        assertEquals("7", cases.get(5).expected());
        assertTrue(cases.stream().noneMatch(EvalCase::isRejected));
        // --by id: one class per sequence (asked for, so kept)
        List<EvalCase> byId = EvalFile.read(oeis, 3, "id", head);
        assertEquals(List.of("A000004", "A000069", "A000196"), byId.stream().map(EvalCase::group).toList());
        // every input parses
        cases.forEach(c -> head.parse(c.input()));
    }

    @Test
    void badLinesAreRejectedWithTheirLineNumbers() throws Exception {
        Path file = tmp.resolve("gen.jsonl");
        Files.writeString(file, GENERATED);
        List<EvalCase> cases = EvalFile.read(file, 0, null, head);
        assertEquals(List.of("gen.jsonl:1", "gen.jsonl:2", "gen.jsonl:4", "gen.jsonl:5", "gen.jsonl:6", "gen.jsonl:7",
                "gen.jsonl:8"), cases.stream().map(EvalCase::where).toList());
        assertEquals(new EvalCase("gen.jsonl:1", "3, 5, 7, 9", "11", "arithmetic"), cases.get(0));
        assertTrue(cases.get(1).rejection().startsWith("not valid JSON"), cases.get(1).rejection());
        assertEquals("not a JSON object", cases.get(2).rejection());
        assertEquals("geometric", cases.get(3).group());
        assertTrue(cases.get(4).rejection().startsWith("too few terms: 3, at least 4"), cases.get(4).rejection());
        assertNull(cases.get(5).rejection()); // out of range: the head's parse rejects it in the evaluation
        assertEquals(3, EvalFile.read(file, 3, null, head).size());
    }

    @Test
    void evaluatesJsonLinesThroughTheRealLoopCountingBadLinesAsInvalid() throws Exception {
        Path file = tmp.resolve("gen.jsonl");
        Files.writeString(file, GENERATED);
        List<EvalCase> cases = EvalFile.read(file, 0, null, head);
        ReasonOptions options = ReasonOptions.builder().maxSteps(2).build();
        try (Reasoner<Object, Object> r = Trm.load(Fixtures.dir(Fixtures.SEQUENCE),
                LoadOptions.builder().threads(1).build())) {
            List<Integer> progress = new ArrayList<>();
            EvalReport report = new Evaluator<>(r, options, 2).run(cases, progress::add);
            assertEquals(3, report.n());
            assertEquals(4, report.invalid());
            assertTrue(report.firstInvalid().startsWith("gen.jsonl:2: not valid JSON"), report.firstInvalid());
            assertEquals(List.of("arithmetic", "geometric", "fibonacci"), List.copyOf(report.perGroup().keySet()));
            assertEquals(7, progress.get(progress.size() - 1));
            // the random fixture writes no number, but the baseline's rules fit all three (arithmetic
            // and geometric on 4 terms, unchecked; Fibonacci): all exact, none verified
            assertEquals(1.0, report.exact());
            assertEquals(0.0, report.verified());
        }
    }

    @Test
    void groupsByAnyFieldAndFailsOnAMissingOne() throws Exception {
        Path file = tmp.resolve("gen.jsonl");
        Files.writeString(file, GENERATED);
        TrmException e = assertThrows(TrmException.class, () -> EvalFile.read(file, 0, "level", head));
        assertTrue(e.getMessage().contains("no field 'level' to group by (found: terms, family)"), e.getMessage());
        Path noFamily = tmp.resolve("plain.jsonl");
        Files.writeString(noFamily, "{\"terms\": [1, 2, 3, 4]}\n{\"terms\": [1, 2, 3, 4], \"family\": \"x\"}\n");
        assertEquals(List.of("all", "all"), EvalFile.read(noFamily, 0, null, head).stream().map(EvalCase::group).toList());
        assertEquals(List.of("(none)", "x"), EvalFile.read(noFamily, 0, "family", head).stream().map(EvalCase::group).toList());
    }

    @Test
    void detectsJsonLinesByExtensionOrContent() throws Exception {
        Path txt = tmp.resolve("seqs.txt");
        Files.writeString(txt, "\n  {\"terms\": [1, 2, 3, 4]}\n");
        assertTrue(EvalFile.isJsonLines(txt));
        assertEquals("1, 2, 3", EvalFile.read(txt, 0, null, head).get(0).input());
        Path csv = tmp.resolve("seqs.csv");
        Files.writeString(csv, "question,answer\n\"1, 2, 3\",4\n");
        assertFalse(EvalFile.isJsonLines(csv));
        assertEquals(new EvalCase("seqs.csv:2", "1, 2, 3", "4", "all"), EvalFile.read(csv, 0, null, head).get(0));
        assertTrue(EvalFile.isJsonLines(Files.writeString(tmp.resolve("x.json-lines"), "")));
        assertTrue(EvalFile.isJsonLines(Files.writeString(tmp.resolve("x.JSONL"), "")));
        TrmException e = assertThrows(TrmException.class, () -> EvalFile.readCsv(txt, 0, null));
        assertTrue(e.getMessage().endsWith("seqs.txt: JSON lines, but only CSV (question,answer columns) is read here"),
                e.getMessage());
    }

    @Test
    void aHeadWithoutJsonLinesSupportEndsTheEvaluationWithOneClearError() throws Exception {
        Path file = tmp.resolve("maze.jsonl");
        Files.writeString(file, "{\"question\": \"#S G#\", \"answer\": \"#SoG#\"}\n");
        TrmException e = assertThrows(TrmException.class, () -> EvalFile.read(file, 0, null, new MazeHead()));
        assertEquals("the maze head reads CSV evaluation files only (question,answer columns), not JSON lines",
                e.getMessage());
    }

    @Test
    void aDefaultGroupingWithAValueOnEveryRowIsDropped() throws Exception {
        StringBuilder unique = new StringBuilder("source,question,answer\n");
        StringBuilder shared = new StringBuilder("source,question,answer\n");
        for (int i = 0; i < 30; i++) {
            unique.append("maze-").append(i).append(",q,a\n");
            shared.append("level-").append(i % 3).append(",q,a\n");
        }
        Path u = Files.writeString(tmp.resolve("unique.csv"), unique);
        Path s = Files.writeString(tmp.resolve("shared.csv"), shared);
        assertEquals(List.of("all"), groups(EvalFile.read(u, 0, null, head)));
        assertEquals(30, groups(EvalFile.read(u, 0, "source", head)).size());     // asked for: kept
        assertEquals(List.of("level-0", "level-1", "level-2"), groups(EvalFile.read(s, 0, null, head)));
        assertEquals(5, groups(EvalFile.read(u, 5, null, head)).size());          // too few rows to matter
        // LoadTestCommand's reader groups the same way
        assertEquals(List.of("all"), groups(EvalFile.readCsv(u, 0, null)));
    }

    private static List<String> groups(List<EvalCase> cases) {
        return cases.stream().map(EvalCase::group).distinct().sorted().collect(Collectors.toList());
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(EvalFileTest.class.getClassLoader().getResource(name), name).toURI());
    }
}
