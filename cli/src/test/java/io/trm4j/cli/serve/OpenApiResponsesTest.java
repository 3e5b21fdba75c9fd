package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.trm4j.core.LoadOptions;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25: {@code /openapi.json} describes what the server really answers. Real responses of
 * every documented path, successes and errors, are validated against the document's schemas
 * (which forbid undocumented fields), and every documented path is exercised; every bundled
 * head's {@code structured} answer is checked against its own schema.
 */
class OpenApiResponsesTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Reasoner<Object, Object> fixture;
    private static JsonNode doc;
    private static final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void load() throws Exception {
        fixture = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head("tokens").build(),
                Trm.heads());
        doc = JSON.readTree(OpenApiDocument.text());
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    @Test
    void theDocumentIsOpenApi3AndDocsHoldsTheSameCopy() throws Exception {
        assertTrue(doc.get("openapi").asText().startsWith("3."), doc.get("openapi").toString());
        assertTrue(doc.at("/info/title").isTextual() && doc.at("/info/version").isTextual());
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            assertTrue(path.getKey().startsWith("/"), path.getKey());
            path.getValue().fields().forEachRemaining(op -> assertTrue(op.getValue().get("responses").size() > 0,
                    path.getKey() + " " + op.getKey() + " documents no response"));
        }
        Path docs = Path.of(System.getProperty("user.dir")).resolveSibling("docs").resolve("openapi.json");
        assertEquals(JSON.readTree(Files.readString(docs)), doc, "docs/openapi.json differs from the jar's copy");
    }

    @Test
    void realResponsesMatchTheDocumentsSchemas() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 4, 0, 4, 30_000, 4096, true);
        try (TrmServer s = TrmServer.start(fixture, config)) {
            check(s, "GET", "/healthz", "/healthz", null, 200);
            check(s, "GET", "/v1/models", "/v1/models", null, 200);
            check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{\"input\": \"" + INPUT + "\"}", 200);
            check(s, "POST", "/v1/solve/tiny-attn", "/v1/solve/{model}", "{\"input\": \"" + INPUT
                    + "\", \"max_steps\": 3, \"halting\": \"fixed\", \"trace\": true}", 200);
            check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{\"input\": \"" + INPUT
                    + "\", \"search\": \"sample\", \"budget\": 2, \"seed\": 1}", 200);
            check(s, "POST", "/v1/solve/tokens:batch", "/v1/solve/{model}:batch", "{\"inputs\": [\"" + INPUT
                    + "\", \"" + INPUT + "\"]}", 200);
            // A traced search: every run, each traced as the answer is, the chosen one's trace the answer's.
            JsonNode runs = JSON.readTree(check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{\"input\": \""
                    + INPUT + "\", \"search\": \"restarts\", \"budget\": 3, \"max_steps\": 3, \"trace\": true}", 200));
            assertEquals(3, runs.get("search_runs").size(), runs.toString());
            List<JsonNode> chosen = new java.util.ArrayList<>();
            runs.get("search_runs").forEach(r -> {
                if (r.get("chosen").asBoolean()) {
                    chosen.add(r);
                }
            });
            assertEquals(1, chosen.size(), runs.toString());
            assertEquals(runs.get("trace"), chosen.get(0).get("trace"));
            assertEquals(runs.get("answer"), chosen.get(0).get("answer"));
            assertEquals("first", runs.at("/search_runs/0/kind").asText());
            assertEquals("restart", runs.at("/search_runs/2/kind").asText());
            check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{\"input\": 1", 400);
            check(s, "POST", "/v1/solve/nope", "/v1/solve/{model}", "{}", 404);
            check(s, "GET", "/v1/solve/tokens", "/v1/solve/{model}", null, 405);
            check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{\"input\": \"" + " ".repeat(5000) + "\"}", 413);
            check(s, "POST", "/v1/solve/tokens:batch", "/v1/solve/{model}:batch", "{\"inputs\": [\"" + INPUT
                    + "\", \"1\", \"1\", \"1\", \"1\"]}", 413);
            HttpResponse<String> metrics = call(s, "GET", "/metrics", null, Map.of());
            assertEquals(200, metrics.statusCode());
            assertTrue(doc.at("/paths/~1metrics/get/responses/200/content").has("text/plain"));
            exercised.add("/metrics");
            HttpResponse<String> openapi = call(s, "GET", "/openapi.json", null, Map.of());
            assertEquals(doc, JSON.readTree(openapi.body()));
            exercised.add("/openapi.json");
        }
        try (TrmServer s = TrmServer.start(fixture, config.withToken("t"))) {
            check(s, "GET", "/v1/models", "/v1/models", null, 401);
            check(s, "POST", "/v1/solve/tokens", "/v1/solve/{model}", "{}", 401);
        }
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        assertEquals(documented, exercised, "every documented path is exercised");
    }

    private static HttpResponse<String> call(TrmServer s, String method, String path, String body,
                                             Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path));
        headers.forEach(b::header);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the request, expects {@code status}, validates the body against the documented schema, and returns it. */
    private static String check(TrmServer s, String method, String path, String template, String body, int status)
            throws Exception {
        HttpResponse<String> r = call(s, method, path, body, Map.of());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        JsonNode op = doc.get("paths").get(template).get(method.toLowerCase(java.util.Locale.ROOT));
        JsonNode documented = op == null ? null : op.at("/responses/" + status + "/content/application~1json/schema");
        if (status == 405) { // the method is not documented: the answer is still the documented Error
            documented = JSON.createObjectNode().put("$ref", "#/components/schemas/Error");
        }
        assertTrue(documented != null && !documented.isMissingNode(), method + " " + template + " " + status
                + " is not documented");
        List<Error> errors = errors((ObjectNode) documented, r.body());
        assertTrue(errors.isEmpty(), method + " " + path + " " + status + ": " + errors + " in " + r.body());
        exercised.add(template);
        return r.body();
    }

    /** What is wrong with {@code body} under {@code schema} (which may refer to the document's components). */
    private static List<Error> errors(ObjectNode documented, String body) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.setAll(documented);
        schema.set("components", doc.get("components"));
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema.toString(), InputFormat.JSON);
        return validator.validate(body, InputFormat.JSON);
    }

    /**
     * Each bundled head's {@code structured} answer, from a real solve, matches its own schema and
     * none of the others' (so the {@code oneOf} in Answer tells them apart), as the Java types give it.
     */
    @Test
    void everyBundledHeadsStructuredAnswerMatchesItsOwnSchema() throws Exception {
        List<String> bundled = io.trm4j.core.model.ModelCatalog.systemCatalog().folders();
        org.junit.jupiter.api.Assumptions.assumeTrue(bundled.containsAll(List.of("sudoku", "maze", "sequence", "arc")),
                "a build without the bundled models");
        Map<String, String> schemaOf = Map.of("sudoku", "StructuredSudoku", "maze", "StructuredMaze",
                "sequence", "StructuredSequence", "arc", "StructuredArc", "tokens", "StructuredTokens");
        List<ModelEntry> entries = new java.util.ArrayList<>();
        for (String name : List.of("sudoku", "maze", "sequence", "arc")) {
            entries.add(new ModelEntry(name, name, "bundled " + name, () -> Trm.load(name,
                    LoadOptions.builder().threads(1).build(), Trm.heads()), null));
        }
        ObjectNode arcInput = JSON.createObjectNode();
        arcInput.set("6150a2bd", JSON.readTree(resource("arc/6150a2bd.json")));
        Map<String, JsonNode> inputs = Map.of(
                "sudoku", JSON.getNodeFactory().textNode(
                        "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94....."),
                "maze", JSON.getNodeFactory().textNode(resource("mazes/maze15-generated.txt")),
                "sequence", JSON.getNodeFactory().textNode("2, 4, 8, 16, ?, ?"),
                "arc", arcInput);
        try (TrmServer s = TrmServer.start(entries, ServeConfig.loopback())) {
            check(s, "GET", "/v1/models", "/v1/models", null, 200);
            for (String head : List.of("sudoku", "maze", "sequence", "arc")) {
                String body = JSON.createObjectNode().set("input", inputs.get(head)).toString();
                JsonNode answer = JSON.readTree(check(s, "POST", "/v1/solve/" + head, "/v1/solve/{model}", body, 200));
                JsonNode structured = answer.get("structured");
                assertTrue(structured != null && structured.isObject(), head + ": " + answer);
                for (Map.Entry<String, String> e : schemaOf.entrySet()) {
                    ObjectNode ref = JSON.createObjectNode().put("$ref", "#/components/schemas/" + e.getValue());
                    List<Error> errors = errors(ref, structured.toString());
                    if (e.getKey().equals(head)) {
                        assertTrue(errors.isEmpty(), head + ": " + errors + " in " + structured);
                    } else {
                        assertTrue(!errors.isEmpty(), head + "'s answer also matches " + e.getValue() + ": " + structured);
                    }
                }
            }
            JsonNode maze = JSON.readTree(check(s, "POST", "/v1/solve/maze", "/v1/solve/{model}",
                    JSON.createObjectNode().set("input", inputs.get("maze")).toString(), 200)).get("structured");
            assertEquals(maze.get("height").asInt(), maze.get("rows").size(), maze.toString());
            maze.get("rows").forEach(r -> assertEquals(maze.get("width").asInt(), r.asText().length(), maze.toString()));
            // Sequence verdicts with a partial check (support): a rule the baseline fits, and digits of pi.
            JsonNode results = JSON.readTree(check(s, "POST", "/v1/solve/sequence:batch", "/v1/solve/{model}:batch",
                    "{\"inputs\": [\"2, 4, 8, 16, ?, ?\", \"1, 2, 4, 8, 16, 32, 64, ?\", \"3, 1, 4, 1, 5, 9, 2, 6, ?\"]}",
                    200)).get("results");
            JsonNode terms = results.at("/0/structured/terms");
            assertEquals(2, terms.size(), terms.toString());
            terms.forEach(t -> assertTrue(t.isIntegralNumber() || t.isNull(), terms.toString()));
            assertEquals("SUPPORTED", results.at("/1/verdict/status").asText(), results.toString());
            assertTrue(results.at("/1/verdict/support/held").asInt() > 0, results.toString());
        }
    }

    private static String resource(String name) throws Exception {
        try (java.io.InputStream in = OpenApiResponsesTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void theSchemasRefuseWhatTheyDoNotDescribe() {
        ObjectNode error = JSON.createObjectNode().put("$ref", "#/components/schemas/Error");
        assertTrue(errors(error, "{\"error\": \"x\"}").isEmpty());
        assertEquals(1, errors(error, "{\"error\": \"x\", \"extra\": 1}").size());
        ObjectNode answer = JSON.createObjectNode().put("$ref", "#/components/schemas/Answer");
        assertTrue(!errors(answer, "{\"answer\": \"1\"}").isEmpty(), "required fields are checked");
        ObjectNode maze = JSON.createObjectNode().put("$ref", "#/components/schemas/StructuredMaze");
        assertTrue(errors(maze, "{\"width\": 2, \"height\": 1, \"rows\": [\"So\"], \"path_cells\": 1}").isEmpty());
        assertTrue(!errors(maze, "{\"width\": 2, \"height\": 1, \"rows\": \"So\", \"path_cells\": 1}").isEmpty(),
                "a maze's rows are an array");
        ObjectNode sequence = JSON.createObjectNode().put("$ref", "#/components/schemas/StructuredSequence");
        assertTrue(errors(sequence, "{\"terms\": [32, null], \"all_valid\": false}").isEmpty());
        assertTrue(!errors(sequence, "{\"terms\": \"32, 64\", \"all_valid\": true}").isEmpty(),
                "terms are integers, not a string");
    }
}
