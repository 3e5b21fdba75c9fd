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

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25: what a server facing the internet must survive. Half-open connections cost no request
 * thread and are closed when idle; a token guards every endpoint but the health probe; every
 * answer carries a request id; oversized JSON and headers get the project's own error messages.
 */
class ServeHardeningTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final String BODY = "{\"input\": \"" + INPUT + "\", \"max_steps\": 2}";
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

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder solve(TrmServer s, String body) {
        return HttpRequest.newBuilder(URI.create(s.url() + "/v1/solve/tokens")).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void fourHundredHalfOpenConnectionsLeaveTheHealthProbeAnswering() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback())) {
            try {
                for (int i = 0; i < 400; i++) { // each sends half a request and waits
                    Socket s = new Socket("127.0.0.1", server.port());
                    s.getOutputStream().write("POST /v1/solve/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le"
                            .getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    sockets.add(s);
                }
                HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz")));
                assertEquals(200, health.statusCode(), health.body());
                assertEquals(200, send(solve(server, BODY)).statusCode());
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }
    }

    @Test
    void aConnectionThatStopsSendingIsClosedAfterTheIdleTimeout() throws Exception {
        // 1 s, not less: on a loaded machine a new connection's first bytes can take longer than a
        // few hundred ms to be read (Jetty then closes it unanswered, as it should).
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback().withIdleTimeoutMs(1000));
             Socket s = new Socket("127.0.0.1", server.port())) {
            assertEquals(200, send(solve(server, BODY)).statusCode()); // warm: the server's first connection
            s.setSoTimeout(60_000); // generous: the server closes it long before
            s.getOutputStream().write("POST /v1/solve/tokens HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8); // until the server closes
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
            // The server is still fine.
            assertEquals(200, send(solve(server, BODY)).statusCode());
        }
    }

    /**
     * A solve that takes longer than the idle timeout is answered: the connection is silent while
     * the model works, and Jetty applies the idle timeout to a handled request only while a read or
     * write is under way, so only the model's own timeout (504) ends the wait. The test waits on
     * events, not time: a second connection that sends half a request, opened once the batch has
     * started, is closed by the idle timeout, so the solve's quiet connection has been idle at least
     * as long.
     */
    @Test
    void aSolveLongerThanTheIdleTimeoutIsAnswered() throws Exception {
        GatedReasoner gated = new GatedReasoner(fixture);
        try (TrmServer server = TrmServer.start(gated, ServeConfig.loopback().withIdleTimeoutMs(200))) {
            java.util.concurrent.CompletableFuture<HttpResponse<String>> answer = HTTP.sendAsync(
                    solve(server, BODY).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            gated.awaitStarted();
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.setSoTimeout(60_000);
                s.getOutputStream().write("POST /v1/solve/tokens HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.getInputStream().readAllBytes(); // until the idle timeout closes it
            }
            gated.gate.countDown();
            HttpResponse<String> r = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.statusCode(), r.body());
        }
    }

    @Test
    void aTokenGuardsEveryEndpointButTheHealthProbe() throws Exception {
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback().withToken("s3cret"))) {
            HttpResponse<String> none = send(solve(server, BODY));
            assertEquals(401, none.statusCode());
            assertEquals("this server needs a token: send the header 'Authorization: Bearer TOKEN'", error(none));
            assertEquals("Bearer realm=\"trm\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
            HttpResponse<String> wrong = send(solve(server, BODY).header("Authorization", "Bearer nope"));
            assertEquals(401, wrong.statusCode());
            assertEquals("wrong bearer token", error(wrong));
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))).statusCode());
            assertEquals(401, send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/models"))).statusCode());

            assertEquals(200, send(solve(server, BODY).header("Authorization", "Bearer s3cret")).statusCode());
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))).statusCode());
        }
    }

    @Test
    void everyAnswerCarriesARequestIdAndKeepsTheCallers() throws Exception {
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback())) {
            HttpResponse<String> given = send(solve(server, BODY).header("X-Request-Id", "abc-123"));
            assertEquals("abc-123", given.headers().firstValue("X-Request-Id").orElse(""));
            HttpResponse<String> made = send(solve(server, "{"));
            assertEquals(400, made.statusCode());
            assertTrue(made.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f-]{36}"),
                    made.headers().toString());
            HttpResponse<String> unsafe = send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))
                    .header("X-Request-Id", "x".repeat(200)));
            assertTrue(unsafe.headers().firstValue("X-Request-Id").orElse("").matches("[0-9a-f-]{36}"),
                    "an over-long id is replaced, not echoed");
        }
    }

    @Test
    void theAccessLogWritesOneJsonLinePerRequest() throws Exception {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        ServeConfig config = ServeConfig.loopback();
        config = new ServeConfig(config.host(), 0, config.limits(), config.maxBodyBytes(), config.idleTimeoutMs(),
                config.maxConnections(), null, true, true, null);
        try (TrmServer server = TrmServer.start(fixture, config)) {
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                send(solve(server, BODY).header("X-Request-Id", "log-me-1"));
            } finally {
                System.setErr(err);
            }
        }
        String line = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("log-me-1"))
                .findFirst().orElseThrow(() -> new AssertionError("no access log line: " + captured));
        JsonNode json = JSON.readTree(line.substring(line.indexOf('{')));
        assertEquals("POST", json.get("method").asText());
        assertEquals("/v1/solve/tokens", json.get("path").asText());
        assertEquals("tiny-attn", json.get("model").asText());
        assertEquals(200, json.get("status").asInt());
    }

    @Test
    void onlyLoopbackAddressesCountAsPrivate() {
        assertTrue(ServeConfig.loopback().loopbackOnly());
        ServeConfig c = ServeConfig.loopback();
        for (String host : new String[] {"localhost", "::1", "127.0.0.2"}) {
            assertTrue(new ServeConfig(host, 0, c.limits(), 1024, 1000, 10, null, false, true, null).loopbackOnly(), host);
        }
        assertFalse(new ServeConfig("0.0.0.0", 0, c.limits(), 1024, 1000, 10, null, false, true, null).loopbackOnly());
    }

    @Test
    void oversizedJsonAndHeadersAreRefusedInTheProjectsWords() throws Exception {
        try (TrmServer server = TrmServer.start(fixture, ServeConfig.loopback())) {
            HttpResponse<String> number = send(solve(server, "{\"input\": \"" + INPUT + "\", \"max_steps\": "
                    + "9".repeat(10_000) + "}"));
            assertEquals(400, number.statusCode());
            assertEquals("JSON too large: a number longer than 1000 digits", error(number));

            HttpResponse<String> headers = send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz"))
                    .header("X-Big", "y".repeat(10_000)));
            assertEquals(431, headers.statusCode(), headers.body());
            assertEquals("request headers exceed the limit of 8192 bytes", error(headers));
        }
    }

    @Test
    void aBatchTheQueueCanNeverHoldIs413NotA429() throws Exception {
        ServeConfig config = new ServeConfig("127.0.0.1", 0, 4, 0, 8, 30_000, 1 << 20, true);
        try (TrmServer server = TrmServer.start(fixture, config)) {
            StringBuilder inputs = new StringBuilder();
            for (int i = 0; i < 9; i++) {
                inputs.append(i == 0 ? "" : ", ").append('"').append(INPUT).append('"');
            }
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/solve/tokens:batch"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [" + inputs + "]}")));
            assertEquals(413, r.statusCode(), r.body());
            assertTrue(error(r).contains("queues at most 8"), r.body());
            assertTrue(r.headers().firstValue("Retry-After").isEmpty());
            JsonNode ok = JSON.readTree(send(HttpRequest.newBuilder(URI.create(server.url() + "/v1/solve/tokens:batch"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [" + inputs.substring(inputs.indexOf(", ") + 2)
                            + "]}"))).body());
            assertEquals(8, ok.get("results").size(), ok.toString());
        }
    }
}
