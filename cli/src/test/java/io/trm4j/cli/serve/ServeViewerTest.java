package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 30: the trace viewer's files are served at {@code /} without the token (a browser cannot
 * send one when it opens a page), while every API path still needs it; and the answer's trace
 * carries the layout the page draws from. The page itself is tested in Chromium
 * (cli/src/test/browser/viewer_test.py, run by .ci/run).
 */
class ServeViewerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30)).build();
    private static Reasoner<Object, Object> fixture;

    @BeforeAll
    static void load() {
        fixture = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head("tokens").build(),
                Trm.heads());
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    private static HttpResponse<String> get(TrmServer s, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageLoadsWithoutTheTokenAndTheApiStillNeedsIt() throws Exception {
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback().withToken("s3cret"))) {
            HttpResponse<String> page = get(server, "/", null);
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.body().contains("<title>trm4j trace viewer</title>"), page.body());
            assertEquals(ViewerFiles.CONTENT_SECURITY_POLICY,
                    page.headers().firstValue("Content-Security-Policy").orElse(""));
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
            // Every script and style the page names is served, with its type.
            Matcher refs = Pattern.compile("(?:src|href)=\"([a-z]+\\.(js|css))\"").matcher(page.body());
            int found = 0;
            while (refs.find()) {
                HttpResponse<String> f = get(server, "/" + refs.group(1), null);
                assertEquals(200, f.statusCode(), refs.group(1));
                assertEquals(refs.group(2).equals("js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
                        f.headers().firstValue("Content-Type").orElse(""), refs.group(1));
                assertTrue(f.body().length() > 100, refs.group(1));
                found++;
            }
            assertEquals(5, found, page.body()); // viewer.css, examples.js, grid.js, runs.js, viewer.js

            assertEquals(401, get(server, "/v1/models", null).statusCode());
            assertEquals(401, get(server, "/openapi.json", null).statusCode());
            assertEquals(401, get(server, "/viewer.txt", null).statusCode(), "only the viewer's own files are open");
            assertEquals(200, get(server, "/v1/models", "s3cret").statusCode());
            // (Without a body: one answered unread would hold the server's graceful stop for the idle timeout.)
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode());
            assertEquals("use GET, not POST", JSON.readTree(post.body()).get("error").asText());
        }
    }

    /** The tokens fixture names positions by index: its 16 tokens are laid out as 4 rows of 4. */
    @Test
    void aTracedAnswerCarriesItsLayout() throws Exception {
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback())) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/solve/tokens"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7\", "
                            + "\"max_steps\": 2, \"halting\": \"fixed\", \"trace\": true}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode layout = JSON.readTree(r.body()).get("trace_layout");
            assertEquals(4, layout.get("rows").asInt(), r.body());
            assertEquals(4, layout.get("cols").asInt(), r.body());
            assertEquals("[[0,1,2,3],[4,5,6,7],[8,9,10,11],[12,13,14,15]]", layout.get("positions").toString());
            assertEquals("\"13\"", layout.at("/names/3/1").toString());
            JsonNode plain = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(server.url()
                    + "/v1/solve/tokens")).POST(HttpRequest.BodyPublishers.ofString("{\"input\": "
                    + "\"7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7\"}")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertTrue(!plain.has("trace_layout") && !plain.has("trace"), plain.toString());
        }
    }
}
