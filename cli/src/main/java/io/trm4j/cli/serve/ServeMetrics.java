package io.trm4j.cli.serve;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, in the Prometheus text format (hand-written: five series do
 * not justify a metrics library in the fat jar).
 */
final class ServeMetrics {
    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Histogram latency = new Histogram("trm_request_duration_seconds",
            "Wall time of solve requests (parse to response), seconds.",
            0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private final Histogram queueWait = new Histogram("trm_queue_wait_seconds",
            "Time a puzzle waited for its batch to start, seconds.",
            0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5);
    private final Histogram steps = new Histogram("trm_steps_used",
            "Supervision steps used per puzzle.", 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64);
    private final Histogram batchSize = new Histogram("trm_batch_size",
            "Puzzles per loop run (micro-batch size).", 1, 2, 4, 8, 16, 32, 64, 128, 256);
    private final IntSupplier queueDepth;

    ServeMetrics(IntSupplier queueDepth) {
        this.queueDepth = queueDepth;
    }

    void request(String endpoint, int status) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new LongAdder()).increment();
    }

    void latency(long nanos) {
        latency.observe(nanos / 1e9);
    }

    void solved(int stepsUsed, long queueNanos) {
        steps.observe(stepsUsed);
        queueWait.observe(queueNanos / 1e9);
    }

    void batch(int size) {
        batchSize.observe(size);
    }

    String render() {
        StringBuilder out = new StringBuilder(4096);
        out.append("# HELP trm_requests_total HTTP requests by endpoint and status code.\n");
        out.append("# TYPE trm_requests_total counter\n");
        new TreeMap<>(requests).forEach((key, count) -> {
            String[] parts = key.split("\u0000");
            out.append("trm_requests_total{endpoint=\"").append(parts[0]).append("\",status=\"").append(parts[1])
                    .append("\"} ").append(count.sum()).append('\n');
        });
        latency.render(out);
        queueWait.render(out);
        steps.render(out);
        batchSize.render(out);
        out.append("# HELP trm_queue_depth Puzzles waiting for a batch.\n# TYPE trm_queue_depth gauge\n");
        out.append("trm_queue_depth ").append(queueDepth.getAsInt()).append('\n');
        return out.toString();
    }
}
