package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.cli.ModelJson;
import io.trm4j.core.Reasoner;
import io.trm4j.core.TrmException;

import java.util.Locale;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One model behind the server: loaded at start or on its first request, with its own
 * {@link MicroBatcher} (its own worker and batch threads) and limits. A model that fails to load
 * stays listed with the reason, and its requests get 503 saying so; the other models are not
 * touched.
 */
final class ServedModel implements AutoCloseable {
    /** Where a model is in its life. */
    enum State { NOT_LOADED, LOADING, READY, FAILED, CLOSED }

    private final String name;
    private final String head;
    private final String source;
    private final Supplier<Reasoner<Object, Object>> loader;
    private final boolean owned;
    private final ModelLimits limits;
    private final ServeMetrics.ModelMeters meters;
    private final RequestClock clock;
    private volatile State state = State.NOT_LOADED;
    private volatile String failure;
    private volatile Reasoner<Object, Object> reasoner;
    private volatile MicroBatcher<Object, Object> batcher;
    private volatile SolveApi api;

    /**
     * @param head   the head named in its manifest (for {@code /v1/solve/HEAD}), or null where that
     *               could not be read
     * @param owned  whether closing the server closes the reasoner (false for a caller's reasoner)
     */
    ServedModel(String name, String head, String source, Supplier<Reasoner<Object, Object>> loader, boolean owned,
                ModelLimits limits, ServeMetrics metrics, RequestClock clock) {
        this.name = requireNonNull(name, "name is null");
        this.head = head;
        this.source = requireNonNull(source, "source is null");
        this.loader = requireNonNull(loader, "loader is null");
        this.owned = owned;
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.meters = metrics.model(name, this::waiting);
    }

    /** A model that could not even be described (e.g. its manifest is unreadable): listed as failed. */
    static ServedModel failed(String name, String source, String reason, ModelLimits limits, ServeMetrics metrics) {
        ServedModel m = new ServedModel(name, null, source, () -> {
            throw new TrmException(reason);
        }, true, limits, metrics, RequestClock.SYSTEM);
        m.load();
        return m;
    }

    String name() {
        return name;
    }

    /** The head named in its manifest, or null where unknown. */
    String head() {
        return head;
    }

    State state() {
        return state;
    }

    /** Its limits: its own, or the server's. */
    ModelLimits limits() {
        return limits;
    }

    ServeMetrics.ModelMeters meters() {
        return meters;
    }

    int waiting() {
        MicroBatcher<Object, Object> b = batcher;
        return b == null ? 0 : b.waiting();
    }

    /** Loads the model if it is not yet (a failure is kept: it is reported, not retried). */
    synchronized void load() {
        if (state != State.NOT_LOADED) {
            return;
        }
        state = State.LOADING;
        try {
            Reasoner<Object, Object> r = loader.get();
            MicroBatcher<Object, Object> b = new MicroBatcher<>(r::reasonAll, limits.maxBatch(), limits.maxWaitMs(),
                    limits.queue(), limits.maxRowsInFlight(), meters::batch);
            reasoner = r;
            batcher = b;
            api = new SolveApi(r, b, meters, limits, clock);
            state = State.READY;
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            state = State.FAILED;
        }
    }

    /** The solve endpoints, loading the model first if need be; 503 when it cannot serve. */
    SolveApi api() {
        if (state == State.NOT_LOADED) {
            load();
        }
        SolveApi a = api;
        if (state == State.READY && a != null) {
            return a;
        }
        if (state == State.FAILED) {
            throw new HttpError(503, "model '" + name + "' failed to load: " + failure);
        }
        throw new HttpError(503, "model '" + name + "' is not serving (" + state.name().toLowerCase(Locale.ROOT) + ")");
    }

    /** Its entry in {@code GET /v1/models}. */
    void describe(ObjectNode e) {
        e.put("name", name);
        e.put("head", head);
        e.put("state", state.name().toLowerCase(Locale.ROOT));
        e.put("source", source);
        e.put("solve", "/v1/solve/" + name);
        Reasoner<Object, Object> r = reasoner;
        if (r != null) {
            e.put("head", r.head().name());
            ModelJson.fill(e, r.model()); // the fields trm models --json gives
            e.put("provider", r.provider().name().toLowerCase(Locale.ROOT));
        }
        if (failure != null) {
            e.put("error", failure);
        }
        ObjectNode b = e.putObject("batching");
        b.put("max_batch", limits.maxBatch());
        b.put("max_wait_ms", limits.maxWaitMs());
        b.put("mode", limits.continuous() ? "continuous" : "static");
        b.put("queue", limits.queue());
        b.put("queued", waiting());
        ObjectNode l = e.putObject("limits");
        l.put("timeout_ms", limits.timeoutMs());
        l.put("max_steps", limits.maxSteps());
        l.put("max_search_budget", limits.maxSearchBudget());
    }

    /** Stops taking puzzles, runs the queued ones, then closes the reasoner if this server loaded it. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        MicroBatcher<Object, Object> b = batcher;
        if (b != null) {
            b.close();
        }
        if (owned && reasoner != null) {
            reasoner.close();
        }
        state = State.CLOSED;
    }
}
