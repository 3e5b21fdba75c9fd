package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 429 (queue full) and 504 (no answer in time), provoked deterministically: the server runs the
 * tiny-attn fixture through a {@link GatedReasoner}, whose batches wait at a gate the test opens,
 * so the test decides when the model is busy. After each overload the server must answer normally
 * again.
 */
class ServeOverloadTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final String BODY = "{\"input\": \"" + INPUT + "\", \"max_steps\": 2, \"halting\": \"fixed\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Reasoner<Object, Object> fixture;

    @BeforeAll
    static void load() {
        fixture = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head("tokens").build(),
                Trm.heads());
        fixture.reasonText(INPUT, ReasonOptions.builder().maxSteps(2).build()); // warm up, so that later answers are quick
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    private static HttpRequest solve(TrmServer server, String path, String body) {
        return HttpRequest.newBuilder(URI.create(server.url() + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> post(TrmServer server, String path, String body) throws Exception {
        return HTTP.send(solve(server, path, body), HttpResponse.BodyHandlers.ofString());
    }

    private static CompletableFuture<HttpResponse<String>> postAsync(TrmServer server, String body) {
        return HTTP.sendAsync(solve(server, "/v1/solve/tokens", body), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(TrmServer server, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return path.equals("/metrics") ? JSON.getNodeFactory().textNode(r.body()) : JSON.readTree(r.body());
    }

    /** Waits until {@code n} puzzles are queued behind the running batch, as /healthz reports. */
    private static void awaitQueued(TrmServer server, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (get(server, "/healthz").get("queue").asInt() != n) {
            assertTrue(System.nanoTime() < deadline, "queue never reached " + n);
            Thread.sleep(5);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(1, body.size(), r.body());
        assertEquals(message, body.get("error").asText());
    }

    private static void assertSolved(HttpResponse<String> r) throws Exception {
        assertEquals(200, r.statusCode(), r.body());
        JsonNode json = JSON.readTree(r.body());
        assertEquals(16, json.get("answer").asText().split(" ").length, r.body());
        assertEquals(2, json.get("steps").asInt(), r.body());
    }

    @Test
    void aFullQueueIs429WithRetryAfterAndTheServerServesAgainOnceItDrains() throws Exception {
        GatedReasoner reasoner = new GatedReasoner(fixture);
        // One puzzle per batch, no gathering wait, room for two waiting puzzles.
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 0, 2, 60_000, 1 << 20, false);
        try (TrmServer server = TrmServer.start(reasoner, config)) {
            try {
                CompletableFuture<HttpResponse<String>> running = postAsync(server, BODY);
                reasoner.awaitStarted();            // the first puzzle holds the model
                CompletableFuture<HttpResponse<String>> queued = postAsync(server, BODY);
                CompletableFuture<HttpResponse<String>> queued2 = postAsync(server, BODY);
                awaitQueued(server, 2);             // the next two fill the queue

                HttpResponse<String> refused = post(server, "/v1/solve/tokens", BODY);
                assertError(refused, 429, "queue full (2 requests waiting)");
                assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));
                // A batch request that does not fit now is refused whole, and may be retried.
                HttpResponse<String> batch = post(server, "/v1/solve/tokens:batch",
                        "{\"inputs\": [\"" + INPUT + "\", \"" + INPUT + "\"]}");
                assertError(batch, 429, "queue full (2 requests waiting)");
                // One that could never fit is 413, with the limit, and no Retry-After: a retry cannot succeed.
                HttpResponse<String> never = post(server, "/v1/solve/tokens:batch",
                        "{\"inputs\": [\"" + INPUT + "\", \"" + INPUT + "\", \"" + INPUT + "\"]}");
                assertError(never, 413, "'inputs' has 3 puzzles; this model queues at most 2 at once: "
                        + "send at most 2 per request");
                assertTrue(never.headers().firstValue("Retry-After").isEmpty(), never.headers().toString());
                assertEquals(2, get(server, "/healthz").get("queue").asInt(), "a refused request takes no room");

                reasoner.gate.countDown();
                assertSolved(running.get(60, TimeUnit.SECONDS));
                assertSolved(queued.get(60, TimeUnit.SECONDS));
                assertSolved(queued2.get(60, TimeUnit.SECONDS));
            } finally {
                reasoner.gate.countDown();
            }
            // Drained: the server takes work again, and counted what it refused.
            assertSolved(post(server, "/v1/solve/tokens", BODY));
            assertEquals(0, get(server, "/healthz").get("queue").asInt());
            String metrics = get(server, "/metrics").asText();
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"429\"} 1.0\n"), metrics);
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve_batch\",model=\"tiny-attn\",status=\"429\"} 1.0\n"), metrics);
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"200\"} 4.0\n"), metrics);
        }
    }

    @Test
    void noAnswerInTimeIs504AndAQueuedPuzzleThatTimedOutNeverRuns() throws Exception {
        GatedReasoner reasoner = new GatedReasoner(fixture);
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 1, 0, 8, 500, 1 << 20, false);
        ManualClock clock = new ManualClock();
        try (TrmServer server = TrmServer.start(reasoner, config, clock)) {
            try {
                // The first puzzle's batch starts and is held: its caller gives up once 500 ms
                // have passed on the server's clock, and not before.
                CompletableFuture<HttpResponse<String>> first = postAsync(server, BODY);
                reasoner.awaitStarted();
                clock.awaitTimers(1);
                clock.advance(499, TimeUnit.MILLISECONDS);
                assertFalse(first.isDone(), "answered before its 500 ms were up: " + first);
                clock.advance(1, TimeUnit.MILLISECONDS);
                assertError(first.get(60, TimeUnit.SECONDS), 504, "no answer within 500 ms");
                // The second never leaves the queue while the model is held, and times out there too.
                CompletableFuture<HttpResponse<String>> second = postAsync(server, BODY);
                clock.awaitTimers(1);
                clock.advance(500, TimeUnit.MILLISECONDS);
                assertError(second.get(60, TimeUnit.SECONDS), 504, "no answer within 500 ms");
            } finally {
                reasoner.gate.countDown();
            }
            // Once the model is free the server answers in time again; the timed-out queued
            // puzzle was dropped, so only two batches ever ran: the held one and this one.
            assertTrue(reasoner.finished.tryAcquire(30, TimeUnit.SECONDS), "the held batch never finished");
            assertSolved(post(server, "/v1/solve/tokens", BODY));
            assertEquals(2, reasoner.batches.get());
            String metrics = get(server, "/metrics").asText();
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"504\"} 2.0\n"), metrics);
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve\",model=\"tiny-attn\",status=\"200\"} 1.0\n"), metrics);
        }
    }
}
