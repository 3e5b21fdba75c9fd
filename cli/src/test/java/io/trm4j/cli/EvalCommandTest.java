package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvalCommandTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private final String model = Fixtures.dir(Fixtures.ATTN).toString();

    @TempDir
    Path tmp;



    @Test
    void countsExactAnswersPerClassAndReportsRejectedRows() throws Exception {
        CliRun solved = CliRun.of("solve", "--model", model, "--head", "tokens", "--json", "--threads", "1", INPUT);
        String answer = new ObjectMapper().readTree(solved.out()).get("answer").asText();
        Path csv = tmp.resolve("cases.csv");
        Files.writeString(csv, "source,question,answer,difficulty_class\n"
                + "a,\"" + INPUT + "\",\"" + answer + "\",easy\n"
                + "b,\"" + INPUT + "\",\"" + answer.replace('4', '5').replace('7', '5') + "\",hard\n"
                + "c,\"1 2 3\",\"1 2 3\",hard\n"
                + "d,\"" + INPUT + "\",\"" + answer + "\",hard\n");

        // stderr is a terminal: the table goes there, stdout holds the JSON document only
        CliRun r = CliRun.stderrOnTerminal("eval", "tokens", csv.toString(), "--model", model, "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(3, report.get("n").asInt());
        assertEquals(2.0 / 3, report.get("exact").asDouble(), 1e-9);
        assertEquals(1, report.get("invalid").asInt());
        assertEquals(1.0, report.at("/per_class/easy/exact").asDouble(), 1e-9);
        assertEquals(0.5, report.at("/per_class/hard/exact").asDouble(), 1e-9);
        assertEquals(2, report.at("/per_class/hard/n").asInt());
        assertTrue(r.err().contains("1 rows rejected as invalid input; first: cases.csv:4"), r.err());
        assertTrue(report.get("first_invalid").asText().startsWith("cases.csv:4"), r.out());

        CliRun bySource = CliRun.of("eval", "tokens", csv.toString(), "--model", model, "--json", "--by", "source",
                "--threads", "1");
        String[] b = bySource.out().strip().split("\n");
        assertEquals(3, new ObjectMapper().readTree(b[b.length - 1]).get("per_class").size()); // a, b, d (c is invalid)
        CliRun badColumn = CliRun.of("eval", "tokens", csv.toString(), "--model", model, "--by", "nope");
        assertEquals(2, badColumn.code());
        assertTrue(badColumn.err().contains("no column 'nope' to group by"), badColumn.err());

        CliRun limited = CliRun.of("eval", "tokens", csv.toString(), "--model", model, "--json", "--limit", "1", "--threads", "1");
        String[] l = limited.out().strip().split("\n");
        assertEquals(1, new ObjectMapper().readTree(l[l.length - 1]).get("n").asInt());
    }

    @Test
    void oneGroupIsOneRow() throws Exception {
        Path csv = tmp.resolve("plain.csv");
        Files.writeString(csv, "question,answer\n\"" + INPUT + "\",\"" + INPUT + "\"\n");
        CliRun r = CliRun.of("eval", "tokens", csv.toString(), "--model", model, "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, rows(r.out(), "all"), r.out());

        Path oneClass = tmp.resolve("one-class.csv");
        Files.writeString(oneClass, "question,answer,difficulty_class\n\"" + INPUT + "\",\"" + INPUT + "\",easy\n");
        CliRun c = CliRun.of("eval", "tokens", oneClass.toString(), "--model", model, "--threads", "1");
        assertEquals(0, c.code(), c.err());
        assertEquals(1, rows(c.out(), "easy"), c.out());
        assertEquals(0, rows(c.out(), "all"), c.out()); // the one class is the whole
    }

    @Test
    void readsJsonLinesForAHeadThatReadsThem() throws Exception {
        Path jsonl = tmp.resolve("seq.jsonl");
        Files.writeString(jsonl, "{\"terms\":[2,4,8,16,32],\"family\":\"geometric\"}\n"
                + "{\"terms\":[1,2,3,4],\"family\":\"arithmetic\"}\n"
                + "{\"terms\":[1,2],\"family\":\"arithmetic\"}\n");
        CliRun r = CliRun.of("eval", "sequence", jsonl.toString(), "--model",
                Fixtures.dir(Fixtures.SEQUENCE).toString(), "--json", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals(2, report.get("n").asInt());          // the 2-term line is too short: invalid
        assertEquals(1, report.get("invalid").asInt());
        assertEquals(1, report.at("/per_class/geometric/n").asInt());

        CliRun csvOnly = CliRun.of("eval", "tokens", jsonl.toString(), "--model", model);
        assertEquals(2, csvOnly.code());
        assertTrue(csvOnly.err().contains("reads CSV evaluation files only"), csvOnly.err());
    }

    @Test
    void scoresTheRuleFittingBaselineOnTheSameCases() throws Exception {
        Path jsonl = tmp.resolve("seq.jsonl");
        Files.writeString(jsonl, "{\"terms\":[2,4,8,16,32],\"family\":\"geometric\"}\n"
                + "{\"terms\":[1,1,2,3,5,8,13],\"family\":\"fibonacci\"}\n"
                + "{\"terms\":[3,1,4,1,5,9,2,6],\"family\":\"pi\"}\n"
                + "{\"terms\":[1,2],\"family\":\"pi\"}\n");
        // stderr is a terminal: the table goes there, stdout holds the JSON document only
        CliRun r = CliRun.stderrOnTerminal("eval", "sequence", jsonl.toString(), "--baseline", "--json");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode report = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("baseline (rule fitting)", report.get("model").asText());
        assertEquals(3, report.get("n").asInt());
        assertEquals(1, report.get("invalid").asInt());                 // the 2-term line
        assertEquals(1.0, report.at("/per_class/geometric/exact").asDouble());
        assertEquals(1.0, report.at("/per_class/fibonacci/exact").asDouble());
        assertEquals(0.0, report.at("/per_class/pi/exact").asDouble()); // no rule fits; 2 + (2 - 9) = -5, not 6
        assertTrue(r.err().contains("a rule reproduced every given term on 66.7% of rows"), r.err());
        assertEquals(2.0 / 3, report.get("rule_fits").asDouble(), 1e-9);

        CliRun sudoku = CliRun.of("eval", "sudoku", jsonl.toString(), "--baseline");
        assertEquals(2, sudoku.code());
        assertTrue(sudoku.err().contains("--baseline exists for the sequence head only"), sudoku.err());
    }

    /** Table rows whose CLASS column is {@code name}. */
    private static long rows(String out, String name) {
        return out.lines().filter(l -> l.startsWith("  " + name + " ")).count();
    }

    @Test
    void badFilesGetOneClearLine() throws Exception {
        Path noAnswer = tmp.resolve("x.csv");
        Files.writeString(noAnswer, "question,solution\n1,2\n");
        CliRun r = CliRun.of("eval", "tokens", noAnswer.toString(), "--model", model);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("missing column 'answer' (found: question, solution)"), r.err());

        CliRun missing = CliRun.of("eval", "tokens", tmp.resolve("nope.csv").toString(), "--model", model);
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.csv: no such file"), missing.err());

        CliRun unknownHead = CliRun.of("eval", "chess", noAnswer.toString());
        assertEquals(2, unknownHead.code());
        assertTrue(unknownHead.err().contains("unknown head 'chess'"), unknownHead.err());
    }
}
