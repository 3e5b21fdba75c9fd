package io.trm4j.cli.serve;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.cli.ReasoningJson;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import io.trm4j.core.config.Suggestions;
import io.trm4j.core.head.JsonErrors;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.search.SearchSpec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * The solve endpoints without the HTTP: JSON body in, JSON answer out, errors as {@link HttpError}.
 * Inputs are parsed and encoded here, on the request thread, so a bad puzzle is a 400 for its
 * sender and never reaches a shared batch.
 */
final class SolveApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> SINGLE_FIELDS = Set.of("input", "max_steps", "halting", "patience", "trace",
            "search", "budget", "budget_steps", "rerun_steps", "seed", "temperature", "top_p", "noise");
    private static final Set<String> BATCH_FIELDS = Set.of("inputs", "max_steps", "halting", "patience", "trace",
            "search", "budget", "budget_steps", "rerun_steps", "seed", "temperature", "top_p", "noise");

    private final Reasoner<Object, Object> reasoner;
    private final MicroBatcher<Object, Object> batcher;
    private final ServeMetrics.ModelMeters metrics;
    private final ModelLimits limits;
    private final RequestClock clock;
    private final long timeoutNanos;

    SolveApi(Reasoner<Object, Object> reasoner, MicroBatcher<Object, Object> batcher, ServeMetrics.ModelMeters metrics,
             ModelLimits limits, RequestClock clock) {
        this.reasoner = requireNonNull(reasoner, "reasoner is null");
        this.batcher = requireNonNull(batcher, "batcher is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(limits.timeoutMs());
    }

    /** The time a request's timeout starts from. */
    long now() {
        return clock.nanoTime();
    }

    ObjectNode solve(byte[] body, long startNanos) {
        JsonNode req = readObject(body, SINGLE_FIELDS);
        Object input = parseInput(req.get("input"), "input");
        ReasonOptions options = options(req);
        CompletableFuture<BatchResult<Object>> f = submit(input, options);
        BatchResult<Object> r = await(List.of(f), startNanos).get(0);
        return render(r, options.trace(), startNanos);
    }

    ObjectNode solveBatch(byte[] body, long startNanos) {
        JsonNode req = readObject(body, BATCH_FIELDS);
        JsonNode inputs = req.get("inputs");
        if (inputs == null || !inputs.isArray() || inputs.isEmpty()) {
            throw new HttpError(400, "'inputs' must be a non-empty array");
        }
        if (inputs.size() > limits.queue()) { // it could never fit: a retry would fail the same way
            throw new HttpError(413, "'inputs' has " + inputs.size() + " puzzles; this model queues at most "
                    + limits.queue() + " at once: send at most " + limits.queue() + " per request");
        }
        List<Object> parsed = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            parsed.add(parseInput(inputs.get(i), "inputs[" + i + "]"));
        }
        ReasonOptions options = options(req);
        List<CompletableFuture<BatchResult<Object>>> futures;
        try {
            futures = batcher.submitAll(parsed, options); // they share runs, and may join other callers'
        } catch (RejectedException e) {
            throw rejected(e);
        }
        ObjectNode out = JSON.createObjectNode();
        ArrayNode results = out.putArray("results");
        for (BatchResult<Object> r : await(futures, startNanos)) {
            results.add(render(r, options.trace(), startNanos));
        }
        out.put("elapsed_ms", ms(clock.nanoTime() - startNanos));
        return out;
    }

    private JsonNode readObject(byte[] body, Set<String> fields) {
        JsonNode req;
        try (JsonParser p = JSON.createParser(body)) {
            req = JSON.readTree(p);
            // Jackson stops after the first value: a second one would be dropped without a word.
            if (req != null && p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new HttpError(400, "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr()
                        + ": more after the JSON object (one object per request)");
            }
        } catch (StreamConstraintsException e) {
            throw new HttpError(400, "JSON too large" + JsonErrors.at(e) + ": " + JsonLimits.describe(e));
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "malformed JSON" + JsonErrors.at(e) + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new HttpError(400, "unreadable body: " + e.getMessage());
        }
        if (req == null || !req.isObject()) {
            throw new HttpError(400, "the body must be a JSON object");
        }
        for (Iterator<String> it = req.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!fields.contains(name)) {
                throw new HttpError(400, "unknown field '" + name + "'" + Suggestions.closest(name, fields)
                        .map(s -> "; did you mean '" + s + "'?").orElse("; known: " + String.join(", ",
                                new java.util.TreeSet<>(fields))));
            }
        }
        return req;
    }

    /** A string is the head's text form; anything else (object, array) its JSON form. */
    private Object parseInput(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            throw new HttpError(400, "missing '" + field + "'");
        }
        String text = node.isTextual() ? node.asText() : node.toString();
        try {
            Object input = reasoner.head().parse(text);
            reasoner.head().encode(input, reasoner.model()); // e.g. wrong length for this model
            return input;
        } catch (TrmException e) {
            throw new HttpError(400, field + ": " + e.getMessage());
        }
    }

    /** The request's fields over the server's defaults, through the one settings mapping. */
    private ReasonOptions options(JsonNode req) {
        try {
            Map<Setting, Object> given = new EnumMap<>(Setting.class);
            if (req.hasNonNull("max_steps")) {
                given.put(Setting.MAX_STEPS, intField(req, "max_steps"));
            }
            if (req.hasNonNull("halting")) {
                given.put(Setting.HALTING, HaltingPolicy.Kind.parse(req.get("halting").asText()));
            }
            if (req.hasNonNull("patience")) {
                given.put(Setting.PATIENCE, intField(req, "patience"));
            }
            ReasonOptions.Builder o = Settings.of(given, "the request")
                    .reasonOptions(reasoner.loadOptions().reasonDefaults()).toBuilder();
            if (req.hasNonNull("trace")) {
                if (!req.get("trace").isBoolean()) {
                    throw new HttpError(400, "'trace' must be true or false");
                }
                o.trace(req.get("trace").booleanValue());
            }
            ReasonOptions options = o.search(SearchRequest.spec(req)).build();
            checkLimits(options);
            return options;
        } catch (TrmException e) {
            throw new HttpError(400, e.getMessage());
        }
    }

    /** This model's caps on what one request may ask for (the runtime's own limits come first). */
    private void checkLimits(ReasonOptions o) {
        if (limits.maxSteps() > 0 && o.maxSteps() != null && o.maxSteps() > limits.maxSteps()) {
            throw new HttpError(400, "'max_steps' " + o.maxSteps() + " exceeds this model's limit of "
                    + limits.maxSteps());
        }
        int budget = o.search().budget();
        if (limits.maxSearchBudget() > 0 && o.search().strategy() != SearchSpec.Strategy.NONE
                && budget > limits.maxSearchBudget()) {
            throw new HttpError(400, "'budget' " + budget + " exceeds this model's limit of "
                    + limits.maxSearchBudget() + " loop runs");
        }
    }

    private static int intField(JsonNode req, String name) {
        JsonNode n = req.get(name);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new HttpError(400, "'" + name + "' must be an integer");
        }
        return n.intValue();
    }

    private CompletableFuture<BatchResult<Object>> submit(Object input, ReasonOptions options) {
        try {
            return batcher.submit(input, options);
        } catch (RejectedException e) {
            throw rejected(e);
        }
    }

    /** 429 (with Retry-After) only for a queue that is full now: the request fits once it drains. */
    private static HttpError rejected(RejectedException e) {
        return e.queueFull() ? new HttpError(429, e.getMessage(), "1") : new HttpError(503, e.getMessage());
    }

    private List<BatchResult<Object>> await(List<CompletableFuture<BatchResult<Object>>> futures,
                                                    long startNanos) {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        CompletableFuture<Void> timeUp = clock.after(startNanos + timeoutNanos - clock.nanoTime());
        List<BatchResult<Object>> out = new ArrayList<>(futures.size());
        try {
            CompletableFuture.anyOf(all, timeUp).exceptionally(e -> null).get();
            if (!all.isDone()) {
                throw new TimeoutException();
            }
            timeUp.cancel(false);
            for (CompletableFuture<BatchResult<Object>> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (TimeoutException e) {
            futures.forEach(f -> f.cancel(false)); // the batcher skips cancelled rows
            throw new HttpError(504, "no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RejectedException) {
                throw new HttpError(503, cause.getMessage());
            }
            if (cause instanceof TrmException) {
                throw new HttpError(400, cause.getMessage());
            }
            throw new HttpError(500, "internal error: " + cause);
        }
    }

    private ObjectNode render(BatchResult<Object> r, boolean trace, long startNanos) {
        Reasoning<Object> res = r.reasoning();
        metrics.solved(res.steps(), r.queueNanos());
        ObjectNode o = ReasoningJson.fill(JSON.createObjectNode(), reasoner.head(), reasoner.model(), res, trace);
        o.put("batch_size", r.batchSize());
        o.put("queue_ms", ms(r.queueNanos()));
        o.put("elapsed_ms", ms(clock.nanoTime() - startNanos));
        return o;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
