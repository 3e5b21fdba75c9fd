package io.trm4j.cli.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, from Micrometer's Prometheus registry: the JVM (memory, GC,
 * threads, class loading, CPU, uptime), the HTTP server (bound by {@link TrmServer}) and, per
 * model, {@code trm_requests_total} by endpoint and status, {@code trm_request_duration_seconds},
 * {@code trm_queue_wait_seconds}, {@code trm_steps_used}, {@code trm_batch_size} (histograms) and
 * {@code trm_queue_depth}.
 */
public final class ServeMetrics implements AutoCloseable {
    private static final Duration[] LATENCY = durations(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
            2.5, 5, 10, 30);
    private static final Duration[] QUEUE_WAIT = durations(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1,
            0.25, 0.5, 1, 2.5, 5);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public ServeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Where the HTTP server binds its own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    /** Counts one answered request; {@code model} is "" for endpoints that serve no model. */
    public void request(String endpoint, String model, int status) {
        Counter.builder("trm.requests").description("HTTP requests by endpoint, model and status code.")
                .tags("endpoint", endpoint, "model", model, "status", Integer.toString(status))
                .register(registry).increment();
    }

    /** The meters of one model. */
    public ModelMeters model(String name, IntSupplier queueDepth) {
        return new ModelMeters(name, queueDepth);
    }

    /** One model's meters, created once so that recording is a lookup-free call. */
    public final class ModelMeters {
        private final Timer latency;
        private final Timer queueWait;
        private final DistributionSummary steps;
        private final DistributionSummary batchSize;

        private ModelMeters(String model, IntSupplier queueDepth) {
            latency = Timer.builder("trm.request.duration").description("Wall time of solve requests, parse to answer.")
                    .tag("model", model).serviceLevelObjectives(LATENCY).register(registry);
            queueWait = Timer.builder("trm.queue.wait").description("Time a puzzle waited for its batch to start.")
                    .tag("model", model).serviceLevelObjectives(QUEUE_WAIT).register(registry);
            steps = DistributionSummary.builder("trm.steps.used").description("Supervision steps used per puzzle.")
                    .tag("model", model).serviceLevelObjectives(1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64).register(registry);
            batchSize = DistributionSummary.builder("trm.batch.size").description("Puzzles per loop run (micro-batch).")
                    .tag("model", model).serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256).register(registry);
            // A strong reference: Micrometer holds a gauge's state weakly, and a lambda has no other holder.
            Gauge.builder("trm.queue.depth", queueDepth, IntSupplier::getAsInt).strongReference(true)
                    .description("Puzzles waiting for a batch.").tag("model", model).register(registry);
        }

        public void latency(long nanos) {
            latency.record(Duration.ofNanos(nanos));
        }

        public void solved(int stepsUsed, long queueNanos) {
            steps.record(stepsUsed);
            queueWait.record(Duration.ofNanos(queueNanos));
        }

        public void batch(int size) {
            batchSize.record(size);
        }
    }

    private static Duration[] durations(double... seconds) {
        Duration[] out = new Duration[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            out[i] = Duration.ofNanos(Math.round(seconds[i] * 1e9));
        }
        return out;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
