package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.cli.serve.LoadSender.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 8, the service stopped mid-load: every request that had arrived before the stop gets its
 * complete, right answer; requests after it get a 503 with a message while the server drains, and
 * a refused connection once it has stopped; nothing hangs.
 */
class ServeShutdownTest {
    private static final int CLIENTS = 64;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static LoadFixture fixture;

    @BeforeAll
    static void load() {
        fixture = new LoadFixture(24, 8);
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    private static LoadSender sender(TrmServer server) {
        return new LoadSender("127.0.0.1", server.port(), Duration.ofSeconds(60));
    }

    private static int health(TrmServer server, String field) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        return field.equals("status") ? r.statusCode() : JSON.readTree(r.body()).get(field).asInt();
    }

    /** Whether /healthz says 503 (stopping); a closed port means the server stopped without waiting. */
    private static boolean stoppingSaysSo(TrmServer server) {
        try {
            return health(server, "status") == 503;
        } catch (ConnectException e) {
            throw new AssertionError("the server stopped at once, without answering the requests that had arrived");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    private static void assertRefused(TrmServer server, LoadCase c) {
        Outcome after = sender(server).send(c); // a new client: a new connection
        assertInstanceOf(ConnectException.class, after.error(), "after the stop: " + after);
    }

    @Test
    void stopWithSixtyFourRequestsWaitingAnswersEachThenRefuses() throws Exception {
        GatedReasoner gated = new GatedReasoner(fixture.reasoner);
        List<LoadCase> cases = fixture.mix(1 << 20, 2).validCases(CLIENTS * 3);
        TrmServer server = TrmServer.start(gated, ServeConfig.loopback());
        LoadRun run;
        CompletableFuture<Void> stopping;
        try {
            run = LoadRun.start(sender(server), cases, CLIENTS, o -> !o.answered() || o.status() != 200);
            gated.awaitStarted();
            // Each client's first request has arrived: in the batch held at the gate, or queued behind it.
            await("all " + CLIENTS + " requests are in", () -> {
                try {
                    return gated.startedInputs.get() + health(server, "queue") == CLIENTS;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            stopping = CompletableFuture.runAsync(server::close);
            await("the server says it is stopping", () -> stoppingSaysSo(server));
            Outcome late = sender(server).send(cases.get(CLIENTS));
            assertNull(LoadChecks.clearError(late, 503), "a request after the stop began");
            assertFalse(stopping.isDone(), "the server stopped with " + CLIENTS + " requests unanswered");
        } finally {
            gated.gate.countDown();
        }
        stopping.get(60, TimeUnit.SECONDS);
        List<Outcome> outcomes = run.await(Duration.ofSeconds(60));
        for (Outcome o : outcomes) {
            if (o.request().id() < CLIENTS) { // each client's first request: accepted before the stop
                assertNull(LoadChecks.answers(o));
            } else { // sent after its first answer, so after the stop began
                assertTrue(!o.answered() || LoadChecks.clearError(o, 503) == null, o.toString());
            }
        }
        assertEquals(CLIENTS, outcomes.stream().filter(o -> o.status() == 200).count());
        assertRefused(server, cases.get(0));
    }

    @Test
    void stopAtARandomMomentUnderLoadHangsNothingAndAnswersRight() throws Exception {
        List<LoadCase> cases = fixture.mix(1 << 20, 3).validCases(CLIENTS * 20);
        TrmServer server = TrmServer.start(fixture.reasoner, ServeConfig.loopback());
        LoadRun run = LoadRun.start(sender(server), cases, CLIENTS, o -> !o.answered() || o.status() != 200);
        await("some load has run", () -> run.finished() >= CLIENTS * 3);
        int inFlight = run.inFlight();
        long stopStart = System.nanoTime();
        assertDoesNotThrow(() -> CompletableFuture.runAsync(server::close).get(30, TimeUnit.SECONDS),
                "close() hung (over 30 s)");
        long stopEnd = System.nanoTime();
        List<Outcome> outcomes = run.await(Duration.ofSeconds(60));

        assertTrue(inFlight > 0, "the stop came between requests, not during them");
        int answered = 0;
        int acrossStop = 0;
        int refusedLate = 0;
        int cut = 0;
        for (Outcome o : outcomes) {
            if (o.answered() && o.status() == 200) {
                assertNull(LoadChecks.answers(o));
                answered++;
                acrossStop += o.startNanos() < stopStart && o.endNanos() > stopStart ? 1 : 0;
                continue;
            }
            assertTrue(o.endNanos() >= stopStart, "failed before the stop: " + o);
            if (o.answered()) {
                assertNull(LoadChecks.clearError(o, 503));
                refusedLate++;
            } else {
                cut += o.startNanos() < stopStart ? 1 : 0;
            }
        }
        long no = outcomes.stream().filter(o -> !o.answered()).count();
        System.out.printf(Locale.ROOT, "serve stop under load: %d requests from %d clients, %d in flight at the stop; "
                        + "%d answered right (%d of them across the stop), %d refused with 503, %d without a "
                        + "response (%d of these sent before the stop, unread by then); close() took %.0f ms%n",
                outcomes.size(), CLIENTS, inFlight, answered, acrossStop, refusedLate, no, cut,
                (stopEnd - stopStart) / 1e6);
        assertRefused(server, cases.get(0));
    }

    /**
     * Regression: a request whose headers were still arriving when the stop began had no handler
     * yet, so close() did not wait for it and stop(0) cut its connection: no answer at all.
     */
    @Test
    void requestArrivingAsTheStopBeginsIsAnswered() throws Exception {
        String body = "{\"input\": \"" + fixture.puzzles.get(0) + "\"}";
        TrmServer server = TrmServer.start(fixture.reasoner, ServeConfig.loopback());
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /v1/solve/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await("the server has taken the connection and waits for the rest of the headers",
                    () -> server.admittedExchanges() == 1);
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close);
            await("the server says it is stopping", () -> stoppingSaysSo(server));
            assertFalse(stopping.isDone(), "stopped without answering the request that had arrived");
            out.write(("Content-Type: application/json\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 200 "), response);
            String answer = JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("answer").asText();
            assertEquals(fixture.answer(0, 0).answer(), answer);
            stopping.get(60, TimeUnit.SECONDS);
        }
        assertRefused(server, fixture.mix(1 << 20, 4).validCases(1).get(0));
    }
    /**
     * Regression: an error answered before the request's body was read (here 405) left the body's
     * bytes to arrive after the answer; the drain took them for a next request and a graceful stop
     * waited for it until the idle timeout. Such answers now close the connection.
     */
    @Test
    void errorAnsweredBeforeTheBodyClosesTheConnection() throws Exception {
        try (TrmServer server = TrmServer.start(fixture.reasoner, ServeConfig.loopback());
             Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] head = new byte[12];
            assertEquals(12, in.readNBytes(head, 0, 12));
            assertEquals("HTTP/1.1 405", new String(head, StandardCharsets.US_ASCII));
            out.write("{}".getBytes(StandardCharsets.US_ASCII)); // the body, after the answer began
            out.flush();
            String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8); // ends: the server closed
            assertTrue(rest.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), rest);
            await("the closed connection holds no request for the stop to wait for",
                    () -> server.admittedExchanges() == 0);
        }
    }
}
