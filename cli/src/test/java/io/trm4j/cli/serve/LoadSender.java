package io.trm4j.cli.serve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/** Sends one {@link LoadCase} to a server and records what came back, or the error, and when. */
final class LoadSender {
    /** What one request got: a status and body, or an error (no response); times from {@code System.nanoTime}. */
    record Outcome(LoadCase request, int status, String body, long startNanos, long endNanos, Throwable error) {
        boolean answered() {
            return error == null;
        }

        long latencyNanos() {
            return endNanos - startNanos;
        }
    }

    private static final Set<String> NO_BODY = Set.of("GET", "DELETE");

    private final HttpClient http;
    private final String host;
    private final int port;
    private final Duration timeout;

    LoadSender(String host, int port, Duration timeout) {
        this.host = requireNonNull(host, "host is null");
        this.port = port;
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    Outcome send(LoadCase c) {
        long start = System.nanoTime();
        try {
            if (c.transport() == LoadCase.Transport.TRUNCATED) {
                return truncated(c, start);
            }
            HttpResponse<String> r = http.send(request(c), HttpResponse.BodyHandlers.ofString());
            return new Outcome(c, r.statusCode(), r.body(), start, System.nanoTime(), null);
        } catch (IOException | RuntimeException e) {
            return new Outcome(c, 0, "", start, System.nanoTime(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(c, 0, "", start, System.nanoTime(), e);
        }
    }

    private HttpRequest request(LoadCase c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + c.path()))
                .timeout(timeout).header("Content-Type", c.contentType());
        if (NO_BODY.contains(c.method())) {
            return b.method(c.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        HttpRequest.BodyPublisher body = c.transport() == LoadCase.Transport.CHUNKED
                // no length given: the client sends the body chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                : HttpRequest.BodyPublishers.ofByteArray(c.body());
        return b.method(c.method(), body).build();
    }

    /**
     * A body cut short: Content-Length promises the whole body, half of it is sent, then the client
     * half-closes its side and waits for the answer (the JDK client cannot send this).
     */
    private Outcome truncated(LoadCase c, long start) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 5_000);
            s.setSoTimeout((int) timeout.toMillis());
            OutputStream out = s.getOutputStream();
            String head = c.method() + " " + c.path() + " HTTP/1.1\r\nHost: " + host + ":" + port
                    + "\r\nContent-Type: " + c.contentType() + "\r\nContent-Length: " + c.body().length
                    + "\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(c.body(), 0, c.body().length / 2);
            out.flush();
            s.shutdownOutput();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 ") || headEnd < 0) {
                throw new IOException("no HTTP response, got '" + response + "'");
            }
            int status = Integer.parseInt(response.substring(9, 12));
            return new Outcome(c, status, response.substring(headEnd + 4), start, System.nanoTime(), null);
        }
    }
}
