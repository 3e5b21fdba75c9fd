package io.trm4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code trm serve} with no model serves every bundled model in one process (issue 25), the
 * Sudoku model as docs/SERVICE.md shows.
 */
class ServeBundledSudokuTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static String resource(String name) throws Exception {
        try (var in = ServeBundledSudokuTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void assertOk(ServeRun server, String model, JsonNode input) throws Exception {
        String body = JSON.createObjectNode().set("input", input).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/solve/" + model))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), model + ": " + r.body());
        assertTrue(JSON.readTree(r.body()).get("answer").isTextual(), r.body());
    }

    @Test
    void servesTheBundledModelByDefaultAndSolvesTheReadmePuzzle() throws Exception {
        ServeRun server = ServeRun.start("--port", "0", "--threads", "1");
        try {
            assertTrue(server.out().contains("trm serve: model sudoku (head sudoku"), server.out());
            HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/models"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode model = JSON.readTree(models.body()).get("models").get(0);
            assertEquals("sudoku", model.get("name").asText(), models.body());
            assertEquals("/v1/solve/sudoku", model.get("solve").asText(), models.body());
            List<String> names = new ArrayList<>();
            JSON.readTree(models.body()).get("models").forEach(m -> {
                names.add(m.get("name").asText());
                assertEquals("ready", m.get("state").asText(), m.toString());
            });
            assertEquals(List.of("sudoku", "maze", "sequence", "arc"), names, models.body());
            assertOk(server, "maze", JSON.getNodeFactory().textNode(resource("mazes/maze15-generated.txt")));
            assertOk(server, "sequence", JSON.getNodeFactory().textNode("2, 4, 8, 16, ?"));
            assertOk(server, "arc", JSON.createObjectNode().set("6150a2bd", JSON.readTree(resource("arc/6150a2bd.json"))));

            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/solve/sudoku"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + BundledSudokuTest.README_PUZZLE
                            + "\", \"trace\": true}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode json = JSON.readTree(r.body());
            assertEquals(BundledSudokuTest.README_SOLUTION, json.get("answer").asText(), r.body());
            assertEquals("SOLVED", json.get("verdict").get("status").asText(), r.body());
            JsonNode trace = json.get("trace");
            assertEquals(json.get("steps").asInt(), trace.size(), r.body());
            trace.get(1).get("changed").fields().forEachRemaining(e -> {
                assertTrue(e.getKey().matches("r[1-9]c[1-9]"), e.getKey());
                assertTrue(e.getValue().asText().matches("[1-9]"), e.getValue().toString());
            });
        } finally {
            server.stop();
        }
    }
}
