package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25: several models in one server, each behind its own batcher. Loaded on first use here;
 * one model's files are corrupted on disk: it is listed as failed with the reason and answers
 * 503, and the others keep answering.
 */
class ServeManyModelsTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Supplier<Reasoner<Object, Object>> loader(Path dir) {
        return () -> Trm.load(dir.toString(), LoadOptions.builder().threads(1).head("tokens").build(), Trm.heads());
    }

    private static HttpResponse<String> post(TrmServer s, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).POST(HttpRequest.BodyPublishers
                .ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(TrmServer s, String path) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode model(TrmServer s, String name) throws Exception {
        for (JsonNode m : get(s, "/v1/models").get("models")) {
            if (m.get("name").asText().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no model " + name);
    }

    @Test
    void eachModelAnswersOnItsOwnAndABrokenOneFailsAlone(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        try (Stream<Path> files = Files.list(Fixtures.dir(Fixtures.MLPT))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        List<ModelEntry> entries = List.of(
                new ModelEntry("attn", "tokens", "fixture", loader(Fixtures.dir(Fixtures.ATTN)), null),
                new ModelEntry("mlpt", "tokens", "fixture", loader(Fixtures.dir(Fixtures.MLPT)), null),
                new ModelEntry("broken", "tokens", broken.toString(), loader(broken), null),
                new ModelEntry("unreadable", null, "nowhere", loader(tmp.resolve("nowhere")),
                        "nowhere: no such model directory"));
        try (TrmServer server = TrmServer.start(entries, ServeConfig.loopback().withEager(false))) {
            assertEquals(4, get(server, "/v1/models").get("models").size());
            assertEquals("not_loaded", model(server, "attn").get("state").asText());
            assertEquals("failed", model(server, "unreadable").get("state").asText());

            // Corrupted on disk while the server runs, before its first request loads it.
            Files.write(broken.resolve("cell.onnx"), new byte[] {1, 2, 3, 4});

            String body = "{\"input\": \"" + INPUT + "\", \"max_steps\": 2}";
            HttpResponse<String> attn = post(server, "/v1/solve/attn", body);
            assertEquals(200, attn.statusCode(), attn.body());
            assertEquals("ready", model(server, "attn").get("state").asText());

            HttpResponse<String> bad = post(server, "/v1/solve/broken", body);
            assertEquals(503, bad.statusCode(), bad.body());
            String error = JSON.readTree(bad.body()).get("error").asText();
            assertTrue(error.startsWith("model 'broken' failed to load: "), error);
            JsonNode listed = model(server, "broken");
            assertEquals("failed", listed.get("state").asText());
            assertEquals(error.substring("model 'broken' failed to load: ".length()), listed.get("error").asText());
            assertEquals(503, post(server, "/v1/solve/unreadable", body).statusCode());

            HttpResponse<String> mlpt = post(server, "/v1/solve/mlpt:batch", "{\"inputs\": [\"" + INPUT + "\"]}");
            assertEquals(200, mlpt.statusCode(), mlpt.body());
            assertEquals(200, post(server, "/v1/solve/attn", body).statusCode(), "the others keep serving");

            // Two models have the tokens head: the head alone names neither.
            HttpResponse<String> ambiguous = post(server, "/v1/solve/tokens", body);
            assertEquals(404, ambiguous.statusCode());
            assertTrue(JSON.readTree(ambiguous.body()).get("error").asText().contains("'attn' (head tokens)"),
                    ambiguous.body());
            assertEquals("/v1/solve/attn", model(server, "attn").get("solve").asText());

            String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("trm_request_duration_seconds_count{model=\"attn\"} 2"), metrics);
            assertTrue(metrics.contains("trm_request_duration_seconds_count{model=\"mlpt\"} 1"), metrics);
            assertTrue(metrics.contains("trm_requests_total{endpoint=\"solve\",model=\"broken\",status=\"503\"} 1"),
                    metrics);
            assertEquals("ok", get(server, "/healthz").get("status").asText());
            assertEquals("failed", get(server, "/healthz").get("models").get("broken").asText());
        }
    }
}
