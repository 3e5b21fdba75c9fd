package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts {@code trm serve} on a free loopback port with the tiny-attn fixture and calls every endpoint. */
class ServeHttpTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static ServeRun server;
    private static String base;

    @BeforeAll
    static void start() {
        String dir = Fixtures.dir(Fixtures.ATTN).toString();
        server = ServeRun.start("--model", dir, "--head", "tokens", "--threads", "1", "--port", "0",
                "--max-body-bytes", "2048", "--max-wait-ms", "5");
        base = server.url();
        assertTrue(base.startsWith("http://127.0.0.1:"), base);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void solvesOnePuzzle() throws Exception {
        HttpResponse<String> r = post("/v1/solve/tokens", "{\"input\": \"" + INPUT + "\", \"max_steps\": 3, "
                + "\"halting\": \"fixed\", \"trace\": true}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode json = JSON.readTree(r.body());
        assertEquals(16, json.get("answer").asText().split(" ").length, r.body());
        assertEquals("UNVERIFIED", json.get("verdict").get("status").asText());
        assertEquals(3, json.get("steps").asInt());
        assertEquals(3, json.get("trace").size());
        assertTrue(json.get("confidence").asDouble() > 0 && json.get("elapsed_ms").asDouble() > 0, r.body());
        assertTrue(json.get("queue_ms").asDouble() >= 0 && json.get("batch_size").asInt() >= 1, r.body());
        // The JSON form of the input (an array) gives the same answer as its text form.
        HttpResponse<String> arr = post("/v1/solve/tokens", "{\"input\": [" + INPUT.replace(' ', ',')
                + "], \"max_steps\": 3, \"halting\": \"fixed\"}");
        assertEquals(200, arr.statusCode(), arr.body());
        assertEquals(json.get("answer"), JSON.readTree(arr.body()).get("answer"));
    }

    @Test
    void solvesABatchInOrder() throws Exception {
        String other = "1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2";
        HttpResponse<String> r = post("/v1/solve/tokens:batch", "{\"inputs\": [\"" + INPUT + "\", \"" + other
                + "\", \"" + INPUT + "\"]}");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode results = JSON.readTree(r.body()).get("results");
        assertEquals(3, results.size());
        assertEquals(results.get(0).get("answer"), results.get(2).get("answer"));
        for (JsonNode res : results) { // a batch request's inputs share one loop run, even on an idle server
            assertTrue(res.get("batch_size").asInt() >= 3, r.body());
        }
        HttpResponse<String> single = post("/v1/solve/tokens", "{\"input\": \"" + other + "\"}");
        assertEquals(JSON.readTree(single.body()).get("answer"), results.get(1).get("answer"));
    }

    @Test
    void concurrentRequestsShareBatchesAndGetTheirOwnAnswers() throws Exception {
        String other = "1 2 3 4 5 6 7 1 2 3 4 5 6 7 1 2";
        String expectA = JSON.readTree(post("/v1/solve/tokens", "{\"input\": \"" + INPUT + "\"}").body())
                .get("answer").asText();
        String expectB = JSON.readTree(post("/v1/solve/tokens", "{\"input\": \"" + other + "\"}").body())
                .get("answer").asText();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String in = i % 2 == 0 ? INPUT : other;
            calls.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/solve/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + in + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < calls.size(); i++) {
            HttpResponse<String> r = calls.get(i).get(60, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(i % 2 == 0 ? expectA : expectB, JSON.readTree(r.body()).get("answer").asText());
        }
    }

    @Test
    void badRequestsAreClearErrors() throws Exception {
        HttpResponse<String> bad = post("/v1/solve/tokens", "{\"input\": ");
        assertEquals(400, bad.statusCode());
        assertTrue(JSON.readTree(bad.body()).get("error").asText().startsWith("malformed JSON at line 1"), bad.body());

        HttpResponse<String> puzzle = post("/v1/solve/tokens", "{\"input\": \"1 2 3\"}");
        assertEquals(400, puzzle.statusCode());
        assertEquals("input: model 'tiny-attn' takes exactly 16 tokens (seq_len), got 3",
                JSON.readTree(puzzle.body()).get("error").asText());

        HttpResponse<String> typo = post("/v1/solve/tokens", "{\"input\": \"" + INPUT + "\", \"max_step\": 2}");
        assertEquals(400, typo.statusCode());
        assertEquals("unknown field 'max_step'; did you mean 'max_steps'?",
                JSON.readTree(typo.body()).get("error").asText());

        HttpResponse<String> batchBad = post("/v1/solve/tokens:batch", "{\"inputs\": [\"" + INPUT + "\", \"x\"]}");
        assertEquals(400, batchBad.statusCode());
        assertTrue(JSON.readTree(batchBad.body()).get("error").asText().startsWith("inputs[1]: "), batchBad.body());

        HttpResponse<String> head = post("/v1/solve/sudoku", "{\"input\": \"" + INPUT + "\"}");
        assertEquals(404, head.statusCode());
        assertEquals("unknown model 'sudoku'; this server serves 'tiny-attn' (head tokens)",
                JSON.readTree(head.body()).get("error").asText());

        HttpResponse<String> big = post("/v1/solve/tokens", "{\"input\": \"" + " ".repeat(4000) + INPUT + "\"}");
        assertEquals(413, big.statusCode());
        assertTrue(JSON.readTree(big.body()).get("error").asText().contains("exceeds the limit of 2048"), big.body());

        assertEquals(405, get("/v1/solve/tokens").statusCode());
        assertEquals(404, get("/nope").statusCode());
    }

    @Test
    void healthModelsAndMetrics() throws Exception {
        HttpResponse<String> health = get("/healthz");
        assertEquals(200, health.statusCode());
        assertEquals("ok", JSON.readTree(health.body()).get("status").asText());

        JsonNode models = JSON.readTree(get("/v1/models").body()).get("models");
        assertEquals(1, models.size());
        assertEquals("tiny-attn", models.get(0).get("name").asText());
        assertEquals("tokens", models.get(0).get("head").asText());
        assertEquals("/v1/solve/tokens", models.get(0).get("solve").asText());
        // The manifest's fields are those of trm models --json, written by the same code (ModelJson).
        JsonNode listed = JSON.readTree(CliRun.of("models", "--model", Fixtures.dir(Fixtures.ATTN).toString(),
                "--json").out()).get("models");
        JsonNode same = null;
        for (JsonNode m : listed) {
            same = m.get("name").asText().equals("tiny-attn") ? m : same;
        }
        for (String field : List.of("head", "description", "variant", "params", "seq_len", "max_steps")) {
            assertEquals(same.get(field), models.get(0).get(field), field);
        }

        assertEquals(200, post("/v1/solve/tokens", "{\"input\": \"" + INPUT + "\"}").statusCode());
        assertEquals(400, post("/v1/solve/tokens", "[").statusCode());
        HttpResponse<String> metrics = get("/metrics");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        String text = metrics.body();
        assertTrue(text.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"200\"} "), text);
        assertTrue(text.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"400\"} "), text);
        assertTrue(text.contains("trm_requests_total{endpoint=\"healthz\",model=\"\",status=\"200\"} "), text);
        assertTrue(text.contains("# TYPE trm_request_duration_seconds histogram"), text);
        assertTrue(text.contains("trm_request_duration_seconds_bucket{model=\"tiny-attn\",le=\"+Inf\"} "), text);
        assertTrue(text.contains("trm_steps_used_bucket{model=\"tiny-attn\",le=\"16.0\"} "), text);
        assertTrue(text.contains("trm_batch_size_count{model=\"tiny-attn\"} "), text);
        assertTrue(text.contains("trm_queue_depth{model=\"tiny-attn\"} 0.0\n"), text);
        // From the metrics library's binders: the JVM and the HTTP server.
        assertTrue(text.contains("jvm_memory_used_bytes{"), text);
        assertTrue(text.contains("jvm_gc_"), text);
        assertTrue(text.contains("jvm_threads_live_threads "), text);
        assertTrue(text.contains("jetty_server_requests_seconds_count{"), text);
    }
}
