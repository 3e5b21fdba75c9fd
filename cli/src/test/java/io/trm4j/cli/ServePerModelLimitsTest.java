package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25, per-model limits: a {@code models.NAME.serve.*} section gives one model its own queue,
 * batch, step and search caps; the other models keep the server's {@code serve.*} values, and
 * {@code /v1/models} shows each model's own.
 */
class ServePerModelLimitsTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> post(ServeRun s, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).POST(HttpRequest.BodyPublishers
                .ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode model(ServeRun s, String name) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/v1/models")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (JsonNode m : JSON.readTree(body).get("models")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name + " in " + body);
    }

    private static String batch(int n) {
        StringBuilder b = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(INPUT).append('"');
        }
        return b.append("]}").toString();
    }

    @Test
    void aSectionsLimitsApplyToItsModelAndNotTheOthers(@TempDir Path tmp) throws Exception {
        Path cfg = tmp.resolve("serve.properties");
        Files.writeString(cfg, String.join("\n",
                "serve.queue=8",
                "serve.max_batch=4",
                "models.small.path=" + Fixtures.dir(Fixtures.MLPT),
                "models.small.head=tokens",
                "models.small.serve.queue=2",
                "models.small.serve.max_batch=1",
                "models.small.serve.batching=static",
                "models.small.serve.max_steps=2",
                "models.small.serve.max_search_budget=2",
                "models.small.serve.timeout_ms=20000",
                ""));
        ServeRun server = ServeRun.start("--config", cfg.toString(), "--model", Fixtures.dir(Fixtures.ATTN).toString(),
                "--head", "tokens", "--threads", "1", "--port", "0");
        try {
            assertTrue(server.out().contains("model small (head tokens): ready; its own limits: max_batch 1, "
                    + "max_wait_ms 2, queue 2, static batching, timeout_ms 20000, max_steps 2, max_search_budget 2"),
                    server.out());
            assertTrue(server.out().contains("model tiny-attn (head tokens): ready\n"), server.out());

            JsonNode small = model(server, "small");
            assertEquals(2, small.at("/batching/queue").asInt(), small.toString());
            assertEquals(1, small.at("/batching/max_batch").asInt(), small.toString());
            assertEquals("static", small.at("/batching/mode").asText(), small.toString());
            assertEquals(2, small.at("/limits/max_steps").asInt(), small.toString());
            assertEquals(2, small.at("/limits/max_search_budget").asInt(), small.toString());
            assertEquals(20000, small.at("/limits/timeout_ms").asInt(), small.toString());
            JsonNode attn = model(server, "tiny-attn");
            assertEquals(8, attn.at("/batching/queue").asInt(), attn.toString());
            assertEquals(4, attn.at("/batching/max_batch").asInt(), attn.toString());
            assertEquals("continuous", attn.at("/batching/mode").asText(), attn.toString());
            assertEquals(0, attn.at("/limits/max_steps").asInt(), attn.toString());

            // A batch of 3 can never fit small's queue of 2: 413, while tiny-attn (queue 8) answers it.
            HttpResponse<String> tooBig = post(server, "/v1/solve/small:batch", batch(3));
            assertEquals(413, tooBig.statusCode(), tooBig.body());
            assertEquals("{\"error\":\"'inputs' has 3 puzzles; this model queues at most 2 at once: send at most 2 "
                    + "per request\"}", tooBig.body().strip());
            assertFalse(tooBig.headers().firstValue("Retry-After").isPresent());
            HttpResponse<String> fits = post(server, "/v1/solve/tiny-attn:batch", batch(3));
            assertEquals(200, fits.statusCode(), fits.body());
            assertEquals(3, JSON.readTree(fits.body()).get("results").size());
            assertEquals(200, post(server, "/v1/solve/small:batch", batch(2)).statusCode());

            // Steps and search budget: capped on small only.
            String steps = "{\"input\": \"" + INPUT + "\", \"max_steps\": 3}";
            HttpResponse<String> overSteps = post(server, "/v1/solve/small", steps);
            assertEquals(400, overSteps.statusCode(), overSteps.body());
            assertTrue(overSteps.body().contains("'max_steps' 3 exceeds this model's limit of 2"), overSteps.body());
            assertEquals(200, post(server, "/v1/solve/tiny-attn", steps).statusCode());
            String search = "{\"input\": \"" + INPUT + "\", \"search\": \"sample\", \"budget\": 3, \"seed\": 1}";
            HttpResponse<String> overBudget = post(server, "/v1/solve/small", search);
            assertEquals(400, overBudget.statusCode(), overBudget.body());
            assertTrue(overBudget.body().contains("'budget' 3 exceeds this model's limit of 2 loop runs"),
                    overBudget.body());
            assertEquals(200, post(server, "/v1/solve/tiny-attn", search).statusCode());
        } finally {
            server.stop();
        }
    }
}
