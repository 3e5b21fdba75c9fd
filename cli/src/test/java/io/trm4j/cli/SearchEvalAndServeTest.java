package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code trm eval} and {@code trm serve} with search: the cost columns, --per-class-limit, the request fields. */
class SearchEvalAndServeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** The solution of {@code SearchBundledSudokuTest.HARD[0]} (sudoku_eval_mix.csv). */
    private static final String HARD_SOLUTION =
            "382514697145976832769238415421695378893147256657382941274853169936721584518469723";

    @TempDir
    Path tmp;

    @Test
    void evalReportsSearchCostPerClassOnTheFirstRowsOfEachClass() throws Exception {
        Path csv = tmp.resolve("mix.csv");
        StringBuilder sb = new StringBuilder("source,question,answer,difficulty_class\n");
        for (String[] p : BundledSudokuTest.PUZZLES) {
            sb.append("easy,").append(p[0]).append(',').append(p[1]).append(",x\n");
        }
        sb.append("hard,").append(SearchBundledSudokuTest.HARD[0]).append(",")
                .append(HARD_SOLUTION)
                .append(",x\n");
        Files.writeString(csv, sb.toString());
        // stderr is a terminal: the table goes there, stdout holds the JSON document only
        CliRun r = CliRun.stderrOnTerminal("eval", "sudoku", csv.toString(), "--by", "source", "--per-class-limit", "2",
                "--threads", "1", "--batch", "1", "--search", "restarts", "--budget", "2", "--json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("search restarts budget 2 seed 0"), r.err());
        assertTrue(r.err().contains("RUNS ALL STEPS MS/PUZZLE    P95 MS"), r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode report = JSON.readTree(lines[lines.length - 1]);
        assertEquals(3, report.get("n").asInt(), "2 easy + 1 hard");
        assertEquals(2, report.at("/per_class/easy/n").asInt());
        assertEquals(1, report.at("/per_class/hard/n").asInt());
        assertEquals("restarts", report.at("/search/strategy").asText());
        double runs = report.at("/per_class/hard/mean_loop_runs").asDouble();
        assertTrue(runs >= 1 && runs <= 2, r.out());
        assertTrue(report.at("/per_class/easy/mean_loop_runs").asDouble() >= 1, r.out());
        assertTrue(report.get("p95_ms").asDouble() >= report.get("mean_ms").asDouble() * 0.5, r.out());
        assertTrue(report.get("mean_all_steps").asDouble() >= report.get("mean_steps").asDouble(), r.out());
    }

    @Test
    void serveTakesTheSearchFieldsAndReportsTheSearch() throws Exception {
        ServeRun server = ServeRun.start("--port", "0", "--threads", "1");
        try {
            String url = server.url() + "/v1/solve/sudoku";
            HttpResponse<String> r = post(url, "{\"input\": \"" + SearchBundledSudokuTest.HARD[0]
                    + "\", \"search\": \"restarts\", \"budget\": 2, \"seed\": 1, \"noise\": 0.5}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode json = JSON.readTree(r.body());
            JsonNode search = json.get("search");
            assertEquals("restarts", search.get("strategy").asText(), r.body());
            assertTrue(search.get("loop_runs").asInt() <= 2, r.body());
            assertEquals(json.at("/verdict/status").asText().equals("SOLVED"), search.get("verified").asBoolean());

            HttpResponse<String> batch = post(url + ":batch", "{\"inputs\": [\"" + BundledSudokuTest.README_PUZZLE
                    + "\"], \"search\": \"fill\", \"budget\": 3}");
            assertEquals(200, batch.statusCode(), batch.body());
            assertEquals("fill", JSON.readTree(batch.body()).at("/results/0/search/strategy").asText(), batch.body());

            HttpResponse<String> stepped = post(url, "{\"input\": \"" + SearchBundledSudokuTest.HARD[0]
                    + "\", \"search\": \"augment\", \"budget_steps\": 40, \"rerun_steps\": 4, \"seed\": 1}");
            assertEquals(200, stepped.statusCode(), stepped.body());
            JsonNode steps = JSON.readTree(stepped.body()).get("search");
            assertEquals("augment", steps.get("strategy").asText(), stepped.body());
            assertTrue(steps.get("steps").asInt() <= 40, stepped.body());
            assertError(url, "{\"input\": \"" + BundledSudokuTest.README_PUZZLE + "\", \"search\": \"restarts\", "
                    + "\"budget_steps\": \"many\"}", "'budget_steps' must be an integer");
            assertError(url, "{\"input\": \"" + BundledSudokuTest.README_PUZZLE + "\", \"search\": \"beam\"}",
                    "unknown search 'beam' (known: none, sample, fill, restarts, augment, consensus)");
            assertError(url, "{\"input\": \"" + BundledSudokuTest.README_PUZZLE + "\", \"search\": \"fill\", \"budget\": 0}",
                    "search budget must be in 1..1024 loop runs, got 0");
            assertError(url, "{\"input\": \"" + BundledSudokuTest.README_PUZZLE + "\", \"budget\": 4}",
                    "'budget' needs 'search': sample, fill, restarts, augment or consensus");
            assertError(url, "{\"input\": \"" + BundledSudokuTest.README_PUZZLE + "\", \"search\": \"sample\", "
                    + "\"top_p\": \"high\"}", "'top_p' must be a number");
        } finally {
            server.stop();
        }
    }

    private static void assertError(String url, String body, String message) throws Exception {
        HttpResponse<String> r = post(url, body);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(JSON.readTree(r.body()).toString().contains(message), r.body());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
