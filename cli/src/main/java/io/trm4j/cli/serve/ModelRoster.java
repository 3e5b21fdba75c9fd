package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The models one server serves, by name. A model is also reachable by its head's name
 * ({@code /v1/solve/sudoku}) when it is the only model of that head, so a client need not know
 * which sudoku model a server carries.
 */
final class ModelRoster implements AutoCloseable {
    private final Map<String, ServedModel> byName = new LinkedHashMap<>();

    ModelRoster(List<ServedModel> models) {
        requireNonNull(models, "models is null");
        for (ServedModel m : models) {
            if (byName.putIfAbsent(m.name(), m) != null) {
                throw new IllegalArgumentException("two models are named '" + m.name() + "': give one another name");
            }
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no model to serve");
        }
    }

    /** One caller's reasoner (tests and embedding): served under its model's name, not closed by the server. */
    static ModelRoster of(Reasoner<Object, Object> reasoner, ModelLimits limits, ServeMetrics metrics,
                          RequestClock clock) {
        ServedModel m = new ServedModel(reasoner.model().name(), reasoner.head().name(), reasoner.model().source(),
                () -> reasoner, false, limits, metrics, clock);
        m.load();
        return new ModelRoster(List.of(m));
    }

    List<ServedModel> all() {
        return List.copyOf(byName.values());
    }

    /** The model named {@code key}, or else the only model whose head is {@code key}. */
    Optional<ServedModel> find(String key) {
        ServedModel m = byName.get(key);
        if (m != null) {
            return Optional.of(m);
        }
        List<ServedModel> ofHead = byName.values().stream().filter(s -> key.equals(s.head())).collect(Collectors.toList());
        return ofHead.size() == 1 ? Optional.of(ofHead.get(0)) : Optional.empty();
    }

    /** The model for a solve path, or a 404 that lists what this server serves. */
    ServedModel require(String key) {
        return find(key).orElseThrow(() -> new HttpError(404, "unknown model '" + key + "'; this server serves "
                + describe()));
    }

    /** e.g. {@code 'sudoku' (head sudoku), 'maze' (head maze)}. */
    String describe() {
        List<String> parts = new ArrayList<>();
        for (ServedModel m : byName.values()) {
            parts.add("'" + m.name() + "'" + (m.head() == null ? "" : " (head " + m.head() + ")"));
        }
        return String.join(", ", parts);
    }

    /** Loads every model not loaded yet (eager start); failures are kept per model. */
    void loadAll() {
        byName.values().forEach(ServedModel::load);
    }

    /** Each model's entry, with {@code solve}: its head's route where that reaches it, else its name's. */
    void describeAll(ArrayNode out) {
        for (ServedModel m : byName.values()) {
            ObjectNode e = out.addObject();
            m.describe(e);
            boolean byHead = m.head() != null && find(m.head()).orElse(null) == m;
            e.put("solve", "/v1/solve/" + (byHead ? m.head() : m.name()));
        }
    }

    int waiting() {
        return byName.values().stream().mapToInt(ServedModel::waiting).sum();
    }

    /** Request threads enough that every model's queued and running puzzles can each wait on one. */
    int threadsNeeded() {
        long n = 0;
        for (ServedModel m : byName.values()) {
            ModelLimits l = m.limits();
            n += (long) l.queue() + l.maxRowsInFlight() + l.maxBatch();
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** The longest any model lets a request wait for its answer: how long a graceful stop may take. */
    int longestTimeoutMs() {
        return byName.values().stream().mapToInt(m -> m.limits().timeoutMs()).max().orElse(0);
    }

    @Override
    public void close() {
        byName.values().forEach(ServedModel::close);
    }
}
