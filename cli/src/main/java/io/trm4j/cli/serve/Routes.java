package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The endpoints: {@code GET /healthz}, {@code GET /v1/models}, {@code POST /v1/solve/{model}} and
 * {@code POST /v1/solve/{model}:batch}, {@code GET /metrics}, {@code GET /openapi.json}, and the
 * trace viewer's page at {@code GET /} ({@link ViewerFiles}). Every answer is JSON (the metrics and
 * the page excepted) and carries {@code X-Request-Id}; every error is
 * {@code {"error": "..."}} in the project's words. Solve requests block their thread until their
 * batch answers: Jetty runs this handler on its pool, so slow clients never hold a thread.
 */
final class Routes extends Handler.Abstract {
    private static final String SOLVE = "/v1/solve/";
    /** The most of an oversize body read only to be dropped; past that the connection is cut. */
    private static final long DRAIN_LIMIT = 64L << 20;

    private final ModelRoster models;
    private final ServeConfig config;
    private final ServeMetrics metrics;
    private final Drain drain;
    private final RequestGate gate;
    private final AccessLog accessLog;

    Routes(ModelRoster models, ServeConfig config, ServeMetrics metrics, Drain drain) {
        this.models = requireNonNull(models, "models is null");
        this.config = requireNonNull(config, "config is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.drain = requireNonNull(drain, "drain is null");
        this.gate = new RequestGate(config.token());
        this.accessLog = new AccessLog(config.accessLog());
    }

    /** One exchange's state, for the answer, the metrics and the access log. */
    private static final class Exchange {
        final long start = System.nanoTime();
        final String id;
        final SocketAddress remote;
        final long ticket;
        String endpoint = "other";
        String model = "";

        Exchange(String id, SocketAddress remote, long ticket) {
            this.id = id;
            this.remote = remote;
            this.ticket = ticket;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        Exchange ex = new Exchange(RequestGate.requestId(request), remote, drain.begin(remote));
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        Callback done = Callback.from(callback, () -> drain.done(remote, ex.ticket));
        response.getHeaders().put("X-Request-Id", ex.id);
        try {
            if (path.equals("/healthz")) { // no token: load balancers probe it
                ex.endpoint = "healthz";
                requireMethod(method, "GET");
                json(request, response, done, ex, drain.closing() ? 503 : 200, health());
                return true;
            }
            Optional<ViewerFiles.File> page = ViewerFiles.find(path);
            if (page.isPresent()) { // the trace viewer: no token, its API calls carry it
                ex.endpoint = "viewer";
                requireMethod(method, "GET");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                response.getHeaders().put("X-Content-Type-Options", "nosniff");
                response.getHeaders().put("Content-Security-Policy", ViewerFiles.CONTENT_SECURITY_POLICY);
                send(request, response, done, ex, 200, page.get().type(), page.get().text());
                return true;
            }
            gate.check(request);
            if (path.equals("/metrics")) {
                ex.endpoint = "metrics";
                requireMethod(method, "GET");
                send(request, response, done, ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            } else if (path.equals("/openapi.json")) {
                ex.endpoint = "openapi";
                requireMethod(method, "GET");
                send(request, response, done, ex, 200, "application/json", OpenApiDocument.text());
            } else if (path.equals("/v1/models")) {
                ex.endpoint = "models";
                requireMethod(method, "GET");
                ObjectNode o = SolveApi.JSON.createObjectNode();
                models.describeAll(o.putArray("models"));
                json(request, response, done, ex, 200, o);
            } else if (path.startsWith(SOLVE)) {
                solve(request, response, done, ex, path.substring(SOLVE.length()), method);
            } else {
                throw new HttpError(404, "no such endpoint " + path + "; try GET /healthz, GET /v1/models, "
                        + "POST /v1/solve/{model}, POST /v1/solve/{model}:batch, GET /metrics, GET /openapi.json, "
                        + "GET / (the trace viewer)");
            }
        } catch (HttpError e) {
            if (e.retryAfter() != null) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, e.retryAfter());
            }
            if (e.status() == 401) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"trm\"");
            }
            error(request, response, done, ex, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            error(request, response, done, ex, 500, "internal error: " + e.getClass().getSimpleName());
        }
        return true;
    }

    private void solve(Request request, Response response, Callback done, Exchange ex, String target, String method) {
        boolean batch = target.endsWith(":batch");
        ex.endpoint = batch ? "solve_batch" : "solve";
        String key = batch ? target.substring(0, target.length() - ":batch".length()) : target;
        requireMethod(method, "POST");
        ServedModel model = models.require(key);
        ex.model = model.name();
        if (!drain.admitted(ex.remote, ex.ticket)) {
            throw new HttpError(503, "server is shutting down");
        }
        SolveApi api = model.api();
        long start = api.now();
        byte[] body = readBody(request);
        ObjectNode answer = batch ? api.solveBatch(body, start) : api.solve(body, start);
        model.meters().latency(System.nanoTime() - ex.start);
        json(request, response, done, ex, 200, answer);
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equalsIgnoreCase(expected)) {
            throw new HttpError(405, "use " + expected + ", not " + method);
        }
    }

    /**
     * The body, refusing (413) past the limit. An oversize body is read and dropped first (up to
     * {@link #DRAIN_LIMIT}): closing a connection with unread bytes makes the kernel reset it,
     * and the client would lose the 413 on its way.
     */
    private byte[] readBody(Request request) {
        int limit = config.maxBodyBytes();
        long length = request.getLength();
        try (InputStream in = Request.asInputStream(request)) {
            if (length > limit) {
                drain(in, length);
                throw new HttpError(413, "body of " + length + " bytes exceeds the limit of " + limit);
            }
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                drain(in, DRAIN_LIMIT);
                throw new HttpError(413, "body exceeds the limit of " + limit + " bytes");
            }
            return body;
        } catch (IOException e) { // cut off, or nothing more arrived within the idle timeout
            throw new HttpError(400, "incomplete body: the client sent " + (length >= 0 ? "fewer than "
                    + length + " bytes" : "a broken body") + " before the connection closed or went idle "
                    + config.idleTimeoutMs() + " ms");
        }
    }

    /** Reads and drops up to {@code length} bytes (none when that is over the drain limit). */
    private static void drain(InputStream in, long length) throws IOException {
        byte[] buf = new byte[8192];
        long left = length <= DRAIN_LIMIT ? length : 0;
        for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) >= 0; ) {
            left -= n;
        }
    }

    private ObjectNode health() {
        ObjectNode o = SolveApi.JSON.createObjectNode();
        o.put("status", drain.closing() ? "shutting_down" : "ok");
        ObjectNode states = o.putObject("models");
        models.all().forEach(m -> states.put(m.name(), m.state().name().toLowerCase(java.util.Locale.ROOT)));
        o.put("queue", models.waiting());
        return o;
    }

    private void error(Request request, Response response, Callback done, Exchange ex, int status, String message) {
        if (mayHoldUnreadBody(request)) {
            // Rejected before its body was read: body bytes arriving after the answer would look like
            // the next request to Drain, and a graceful stop would wait for it until the idle timeout.
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        json(request, response, done, ex, status, SolveApi.JSON.createObjectNode().put("error", message));
    }

    private static boolean mayHoldUnreadBody(Request request) {
        return request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    }

    private void json(Request request, Response response, Callback done, Exchange ex, int status, ObjectNode body) {
        String text;
        try {
            text = SolveApi.JSON.writeValueAsString(body) + "\n";
        } catch (IOException e) {
            status = 500;
            text = "{\"error\": \"internal error: the answer could not be written as JSON\"}\n";
        }
        send(request, response, done, ex, status, "application/json", text);
    }

    /** Counts the request before a byte is sent, so a client that reads /metrics next finds it counted. */
    private void send(Request request, Response response, Callback done, Exchange ex, int status, String type,
                      String body) {
        metrics.request(ex.endpoint, ex.model, status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        accessLog.log(request, ex.id, ex.endpoint, ex.model, status, bytes.length, System.nanoTime() - ex.start);
        drain.answering(ex.remote, ex.ticket);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), done);
    }
}
