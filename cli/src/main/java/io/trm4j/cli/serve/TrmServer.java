package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.trm4j.core.Reasoner;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.ModelInfo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * {@code trm serve}: one model behind HTTP, on the JDK's own {@code com.sun.net.httpserver}
 * (no extra jars; the server only moves small JSON bodies, the model is the bottleneck). Request
 * threads parse and wait; one {@link MicroBatcher} worker gathers their puzzles into batches,
 * which share the reasoner's continuous batch (or run one at a time: {@code serve.batching static}). The caller owns the
 * reasoner and closes it after {@link #close()}.
 */
public final class TrmServer implements AutoCloseable {
    private static final String SOLVE = "/v1/solve/";

    private final Reasoner<Object, Object> reasoner;
    private final ServeConfig config;
    private final MicroBatcher<Object, Object> batcher;
    private final ServeMetrics metrics;
    private final SolveApi api;
    private final HttpServer http;
    private final ExecutorService handlers;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing; // written under idle
    private final Object idle = new Object();
    /** Exchanges handed over before the stop began and not finished: what close() waits for. */
    private int admitted; // guarded by idle
    /** Whether the exchange on this handler thread was handed over before the stop began. */
    private final ThreadLocal<Boolean> admittedHere = ThreadLocal.withInitial(() -> false);

    private TrmServer(Reasoner<Object, Object> reasoner, ServeConfig config) throws IOException {
        this.reasoner = requireNonNull(reasoner, "reasoner is null");
        this.config = requireNonNull(config, "config is null");
        ServeMetrics[] m = new ServeMetrics[1];
        this.batcher = new MicroBatcher<>(reasoner::reasonAll, config.maxBatch(), config.maxWaitMs(), config.queue(),
                config.maxRowsInFlight(), size -> m[0].batch(size));
        this.metrics = new ServeMetrics(batcher::waiting);
        m[0] = metrics;
        this.api = new SolveApi(reasoner, batcher, metrics, config.timeoutMs());
        // Enough request threads that every queued request can wait on its own thread; idle ones expire.
        int threads = Math.max(16, Math.min(1024, config.queue() + config.maxBatch()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "trm-http");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.handlers = pool;
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        http.setExecutor(this::dispatch);
        http.createContext("/", this::route);
    }

    /** Binds and starts serving; the port is {@link #port()} (useful with port 0). */
    public static TrmServer start(Reasoner<Object, Object> reasoner, ServeConfig config) {
        // The JDK server writes headers and body as two segments; with Nagle on, the body waits for
        // the client's delayed ACK (~40 ms per request on Linux). Read once, when the first server starts.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            TrmServer s = new TrmServer(reasoner, config);
            s.http.start();
            return s;
        } catch (IOException e) {
            throw new TrmException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        return "http://" + config.host() + ":" + port();
    }

    /** Exchanges admitted before the stop and not finished (what close() waits for); tests read it. */
    int admittedExchanges() {
        synchronized (idle) {
            return admitted;
        }
    }

    /**
     * The JDK server hands each exchange here as soon as a request starts to arrive, before its
     * headers are read. One that arrives before the stop is admitted: close() waits until it is
     * answered, and it is served even if its handler runs after the stop began. Counting in the
     * handler instead would miss an exchange still reading its headers, and stop(0) would then
     * cut its connection with no answer.
     */
    private void dispatch(Runnable exchange) {
        boolean early;
        synchronized (idle) {
            early = !closing;
            admitted += early ? 1 : 0;
        }
        try {
            handlers.execute(() -> {
                admittedHere.set(early);
                try {
                    exchange.run();
                } finally {
                    admittedHere.remove();
                    if (early) {
                        finished();
                    }
                }
            });
        } catch (RuntimeException e) { // rejected: the JDK server closes the connection
            if (early) {
                finished();
            }
            throw e;
        }
    }

    private void finished() {
        synchronized (idle) {
            if (--admitted == 0) {
                idle.notifyAll();
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        Response r = new Response(ex);
        try {
            if (path.equals("/healthz")) {
                r.endpoint = "healthz";
                requireMethod(method, "GET");
                r.json(closing ? 503 : 200, health());
            } else if (path.equals("/metrics")) {
                r.endpoint = "metrics";
                requireMethod(method, "GET");
                r.send(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
            } else if (path.equals("/v1/models")) {
                r.endpoint = "models";
                requireMethod(method, "GET");
                r.json(200, models());
            } else if (path.startsWith(SOLVE)) {
                String head = path.substring(SOLVE.length());
                boolean batch = head.endsWith(":batch");
                r.endpoint = batch ? "solve_batch" : "solve";
                head = batch ? head.substring(0, head.length() - ":batch".length()) : head;
                requireMethod(method, "POST");
                if (!head.equals(reasoner.head().name())) {
                    throw new HttpError(404, "unknown head '" + head + "'; this server serves '"
                            + reasoner.head().name() + "' (model " + reasoner.model().name() + ")");
                }
                if (!admittedHere.get()) {
                    throw new HttpError(503, "server is shutting down");
                }
                byte[] body = readBody(ex);
                ObjectNode answer = batch ? api.solveBatch(body, start) : api.solve(body, start);
                metrics.latency(System.nanoTime() - start);
                r.json(200, answer);
            } else {
                throw new HttpError(404, "no such endpoint " + path
                        + "; try GET /healthz, GET /v1/models, POST /v1/solve/" + reasoner.head().name() + ", GET /metrics");
            }
        } catch (HttpError e) {
            if (e.retryAfter() != null) {
                ex.getResponseHeaders().set("Retry-After", e.retryAfter());
            }
            r.json(e.status(), SolveApi.JSON.createObjectNode().put("error", e.getMessage()));
        } catch (RuntimeException e) {
            r.json(500, SolveApi.JSON.createObjectNode().put("error", "internal error: " + e));
        } finally {
            ex.close();
        }
    }

    /**
     * One response. The request is counted before a byte is sent, so a client that reads
     * {@code /metrics} right after its answer always finds its request counted.
     */
    private final class Response {
        private final HttpExchange ex;
        String endpoint = "other";

        Response(HttpExchange ex) {
            this.ex = ex;
        }

        void json(int status, ObjectNode body) throws IOException {
            send(status, "application/json", SolveApi.JSON.writeValueAsString(body) + "\n");
        }

        void send(int status, String type, String body) throws IOException {
            metrics.request(endpoint, status);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equalsIgnoreCase(expected)) {
            throw new HttpError(405, "use " + expected + ", not " + method);
        }
    }

    /** The body, refusing (413) past the limit before reading it when Content-Length says so. */
    private byte[] readBody(HttpExchange ex) throws IOException {
        int limit = config.maxBodyBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    throw new HttpError(413, "body of " + length.trim() + " bytes exceeds the limit of " + limit);
                }
            } catch (NumberFormatException e) {
                throw new HttpError(400, "bad Content-Length '" + length + "'");
            }
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(limit + 1);
        } catch (IOException e) { // fewer bytes than Content-Length (or a broken chunk), then end of stream
            throw new HttpError(400, "incomplete body: " + e.getMessage());
        }
        if (body.length > limit) {
            throw new HttpError(413, "body exceeds the limit of " + limit + " bytes");
        }
        return body;
    }

    private ObjectNode health() {
        ObjectNode o = SolveApi.JSON.createObjectNode();
        o.put("status", closing ? "shutting_down" : "ok");
        o.put("model", reasoner.model().name());
        o.put("head", reasoner.head().name());
        o.put("queue", batcher.waiting());
        return o;
    }

    private ObjectNode models() {
        ModelInfo m = reasoner.model();
        ObjectNode o = SolveApi.JSON.createObjectNode();
        ObjectNode e = o.putArray("models").addObject();
        e.put("name", m.name());
        e.put("head", reasoner.head().name());
        e.put("description", m.description());
        e.put("variant", m.variant());
        e.put("params", m.params());
        e.put("seq_len", m.seqLen());
        e.put("max_steps", m.maxSteps());
        e.put("provider", reasoner.provider().name().toLowerCase(Locale.ROOT));
        e.put("solve", SOLVE + reasoner.head().name());
        ObjectNode b = e.putObject("batching");
        b.put("max_batch", config.maxBatch());
        b.put("max_wait_ms", config.maxWaitMs());
        b.put("mode", config.continuous() ? "continuous" : "static");
        b.put("queue", config.queue());
        return o;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Graceful stop: refuse new work (503, health says shutting_down), answer every request that
     * had arrived (up to {@code timeout_ms}), run what is queued, then close the port and stop the
     * request threads; a request after that finds the port closed. Idempotent; a second caller
     * waits for the first.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        // Admitted requests still get their answers (their batches keep running), later ones a 503.
        // We wait ourselves: JDK 17's HttpServer.stop(delay) always sleeps the whole delay.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(config.timeoutMs());
        synchronized (idle) {
            closing = true;
            long left;
            while (admitted > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        http.stop(0);
        batcher.close();
        handlers.shutdown();
        try {
            handlers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.countDown();
    }
}
