package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.trm4j.cli.serve.LoadCase.Kind;
import io.trm4j.cli.serve.LoadCase.Transport;
import io.trm4j.cli.serve.LoadSender.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the load test (issue 8, {@link ServeUnderLoadTest}) found in the service, fixed: a body
 * shorter than its Content-Length got no response at all, and a second JSON value after the
 * request object was ignored (that request was answered as if only the first had been sent).
 */
class ServeFaultRegressionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LoadFixture fixture;

    @BeforeAll
    static void load() {
        fixture = new LoadFixture(2, 3);
    }

    @AfterAll
    static void unload() {
        fixture.close();
    }

    private static Outcome send(String body, Transport transport) {
        LoadCase c = new LoadCase(0, Kind.BAD_JSON, "POST", "/v1/solve/" + LoadFixture.HEAD, "application/json",
                body.getBytes(StandardCharsets.UTF_8), transport, List.of());
        try (TrmServer server = TrmServer.start(fixture.reasoner, ServeConfig.loopback())) {
            return new LoadSender("127.0.0.1", server.port(), Duration.ofSeconds(30)).send(c);
        }
    }

    private static String error(Outcome o) throws Exception {
        assertNull(o.error(), "no response");
        assertEquals(400, o.status(), o.body());
        return JSON.readTree(o.body()).get("error").asText();
    }

    @Test
    void bodyShorterThanItsContentLengthIsA400NotADroppedConnection() throws Exception {
        String body = "{\"input\": \"" + fixture.puzzles.get(0) + "\"}";
        String message = error(send(body, Transport.TRUNCATED)); // half the body, then the client half-closes
        assertTrue(message.startsWith("incomplete body: "), message);
    }

    @Test
    void moreAfterTheJsonObjectIsA400NotIgnored() throws Exception {
        String one = "{\"input\": \"" + fixture.puzzles.get(0) + "\"}";
        assertEquals("malformed JSON at line 1, column " + (one.length() + 2)
                + ": more after the JSON object (one object per request)",
                error(send(one + " " + one, Transport.PLAIN)));
        String junk = error(send(one + "x", Transport.PLAIN));
        assertTrue(junk.startsWith("malformed JSON at line 1, column " + (one.length() + 1)
                + ": Unrecognized token 'x'"), junk);
        assertEquals(200, send(one + " \n", Transport.PLAIN).status(), "trailing whitespace is fine");
    }
}
