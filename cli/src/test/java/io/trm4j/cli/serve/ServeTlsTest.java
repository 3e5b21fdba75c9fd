package io.trm4j.cli.serve;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25, TLS from the stack's own config: {@code serve.tls_keystore} serves HTTPS. A
 * self-signed keystore is made with the JDK's keytool ({@link TestKeystores}); a client that trusts it gets answers,
 * plain HTTP to the port gets none, and a wrong keystore or password fails at start in our words.
 */
class ServeTlsTest {
    private static final String INPUT = "7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7";
    private static final String PASSWORD = "test-secret";

    @TempDir
    static Path tmp;
    private static Path keystore;
    private static Reasoner<Object, Object> fixture;

    @BeforeAll
    static void setUp() throws Exception {
        keystore = TestKeystores.selfSigned(tmp.resolve("server.p12"), PASSWORD);
        fixture = Trm.load(Fixtures.dir(Fixtures.ATTN).toString(), LoadOptions.builder().threads(1).head("tokens")
                .build(), Trm.heads());
    }

    @AfterAll
    static void tearDown() {
        fixture.close();
    }

    @Test
    void servesHttpsWithTheKeystoresCertificate() throws Exception {
        ServeConfig config = ServeConfig.loopback().withTls(new TlsKeystore(keystore, PASSWORD));
        try (TrmServer s = TrmServer.start(fixture, config)) {
            assertTrue(s.url().startsWith("https://127.0.0.1:"), s.url());
            HttpClient client = TestKeystores.trusting(keystore, PASSWORD);
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(s.url() + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            HttpResponse<String> solve = client.send(HttpRequest.newBuilder(URI.create(s.url() + "/v1/solve/tokens"))
                    .header("X-Request-Id", "tls-1").POST(HttpRequest.BodyPublishers.ofString("{\"input\": \"" + INPUT
                            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, solve.statusCode(), solve.body());
            assertTrue(solve.body().contains("\"answer\""), solve.body());
            assertEquals(List.of("tls-1"), solve.headers().allValues("X-Request-Id"));

            // A client that does not trust the certificate is refused by its own TLS check.
            HttpClient untrusting = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(URI.create(s.url()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()));
            // Plain HTTP to the HTTPS port gets no answer.
            String plain = s.url().replace("https://", "http://") + "/healthz";
            try {
                HttpResponse<String> r = untrusting.send(HttpRequest.newBuilder(URI.create(plain)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertNotEquals(200, r.statusCode(), r.body());
            } catch (IOException expected) {
                // the TLS layer closes the connection
            }
        }
    }

    @Test
    void aWrongKeystoreOrPasswordFailsAtStartSayingWhy() throws Exception {
        TrmException wrong = assertThrows(TrmException.class, () -> TrmServer.start(fixture,
                ServeConfig.loopback().withTls(new TlsKeystore(keystore, "not-it"))));
        assertEquals("cannot read the TLS keystore " + keystore + ": the password is wrong "
                + "(serve.tls_keystore_password, TRM_SERVE_TLS_KEYSTORE_PASSWORD)", wrong.getMessage());
        Path missing = tmp.resolve("missing.p12");
        TrmException none = assertThrows(TrmException.class, () -> TrmServer.start(fixture,
                ServeConfig.loopback().withTls(new TlsKeystore(missing, PASSWORD))));
        assertEquals("cannot read the TLS keystore " + missing + ": no such file", none.getMessage());
        Path text = Files.writeString(tmp.resolve("not-a-keystore.p12"), "hello");
        TrmException notOne = assertThrows(TrmException.class, () -> TrmServer.start(fixture,
                ServeConfig.loopback().withTls(new TlsKeystore(text, PASSWORD))));
        assertEquals("cannot read the TLS keystore " + text + ": not a PKCS12 or JKS keystore", notOne.getMessage());
    }
}
