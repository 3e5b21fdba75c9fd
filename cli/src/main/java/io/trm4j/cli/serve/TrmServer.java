package io.trm4j.cli.serve;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jetty.JettyConnectionMetrics;
import io.micrometer.core.instrument.binder.jetty.JettyServerThreadPoolMetrics;
import io.micrometer.jetty12.server.TimedHandler;
import io.trm4j.core.Reasoner;
import io.trm4j.core.TrmException;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.NetworkTrafficServerConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * {@code trm serve}: every model behind HTTP, on Jetty 12. Jetty reads requests on its selector
 * threads, so connections that send slowly or not at all cost a socket, not a thread, and are
 * closed after the idle timeout; request headers are bounded by size, bodies by
 * {@code max_body_bytes}, connections by {@code max_connections}. Request threads parse and wait;
 * each model's {@link MicroBatcher} gathers their puzzles into batches. The caller owns a reasoner
 * it passes in and closes it after {@link #close()}; models the server loads, it closes.
 */
public final class TrmServer implements AutoCloseable {
    private static final int HEADER_BYTES = 8192;

    private final ServeConfig config;
    private final ModelRoster models;
    private final ServeMetrics metrics = new ServeMetrics();
    private final Drain drain = new Drain();
    private final Server jetty;
    private final NetworkTrafficServerConnector connector;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile int port;

    private TrmServer(ServeConfig config, Function<ServeMetrics, ModelRoster> roster) {
        this.config = requireNonNull(config, "config is null");
        // The keystore first: a wrong path or password fails before any model loads.
        SslContextFactory.Server ssl = config.tls() == null ? null : tls(config.tls());
        this.models = roster.apply(metrics);
        // Enough request threads that every queued puzzle can wait on its own, plus some for probes.
        int threads = Math.min(4096, 32 + models.threadsNeeded());
        QueuedThreadPool pool = new QueuedThreadPool(threads, 8, config.idleTimeoutMs());
        pool.setName("trm-http");
        pool.setDaemon(true);
        jetty = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        // HTTPS: TLS in front of the same HTTP/1.1; Jetty's defaults leave out SSLv3, TLS 1.0/1.1 and weak ciphers.
        connector = ssl == null ? new NetworkTrafficServerConnector(jetty, http1)
                : new NetworkTrafficServerConnector(jetty, http1, ssl);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeoutMs()); // header and body reads, and keep-alive
        connector.setAcceptQueueSize(1024);
        jetty.addConnector(connector);
        jetty.addBean(new NetworkConnectionLimit(config.maxConnections(), connector));
        jetty.setErrorHandler(new ErrorAnswers(HEADER_BYTES));
        jetty.setStopTimeout(0); // the drain is ours (Drain): by stop() every admitted request is answered
        TimedHandler timed = new TimedHandler(metrics.registry(), Tags.empty());
        timed.setHandler(new Routes(models, config, metrics, drain));
        jetty.setHandler(timed);
        // One traffic listener per connector: the drain's and the connection metrics' share it.
        JettyConnectionMetrics connections = new JettyConnectionMetrics(metrics.registry(), connector);
        connector.addBean(connections);
        connector.setNetworkTrafficListener(new TrafficListeners(drain, connections));
        new JettyServerThreadPoolMetrics(pool, Tags.empty()).bindTo(metrics.registry());
    }

    private static SslContextFactory.Server tls(TlsKeystore keystore) {
        SslContextFactory.Server f = new SslContextFactory.Server();
        f.setKeyStore(keystore.load());
        f.setKeyStorePassword(keystore.password());
        return f;
    }

    /** Serves one caller's reasoner (tests, embedding), under its model's name and its head's. */
    public static TrmServer start(Reasoner<Object, Object> reasoner, ServeConfig config) {
        return start(reasoner, config, RequestClock.SYSTEM);
    }

    /** As above, timing requests out on {@code clock} (tests move it by hand). */
    static TrmServer start(Reasoner<Object, Object> reasoner, ServeConfig config, RequestClock clock) {
        return start(config, metrics -> ModelRoster.of(reasoner, config.limits(), metrics, clock));
    }

    /** Serves {@code entries}; loads them now when {@code config.eager()}, else each on its first request. */
    public static TrmServer start(List<ModelEntry> entries, ServeConfig config) {
        return start(config, metrics -> {
            List<ServedModel> served = new ArrayList<>();
            for (ModelEntry e : entries) {
                served.add(e.problem() != null
                        ? ServedModel.failed(e.name(), e.source(), e.problem(), e.limitsOr(config.limits()), metrics)
                        : new ServedModel(e.name(), e.head(), e.source(), e.loader(), true,
                        e.limitsOr(config.limits()), metrics, RequestClock.SYSTEM));
            }
            ModelRoster roster = new ModelRoster(served);
            if (config.eager()) {
                roster.loadAll();
            }
            return roster;
        });
    }

    private static TrmServer start(ServeConfig config, Function<ServeMetrics, ModelRoster> roster) {
        TrmServer s = new TrmServer(config, roster);
        try {
            s.jetty.start();
            s.port = s.connector.getLocalPort();
        } catch (Exception e) {
            s.shutDown();
            throw new TrmException("cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage(), e);
        }
        return s;
    }

    /** The port it listens on (useful with port 0); still the same after the stop. */
    public int port() {
        return port;
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return (config.tls() != null ? "https://" : "http://") + host + ":" + port();
    }

    /**
     * The models served, in order, with their state and, where a model has limits of its own, those
     * (what {@code trm serve} prints at start).
     */
    public List<String> describeModels() {
        List<String> out = new ArrayList<>();
        for (ServedModel m : models.all()) {
            String own = m.limits().equals(config.limits()) ? "" : "; its own limits: " + m.limits().describe();
            out.add(m.name() + " (head " + m.head() + "): " + m.state().name().toLowerCase(java.util.Locale.ROOT) + own);
        }
        return out;
    }

    /** Requests admitted before the stop and not answered (what close() waits for); tests read it. */
    int admittedExchanges() {
        return drain.admittedCount();
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Graceful stop: refuse new work (503, health says shutting_down), answer every request that
     * had arrived (up to the longest model timeout), run what is queued, then close the port and stop
     * the request threads; a request after that finds the port closed. Idempotent; a second caller
     * waits for the first.
     */
    @Override
    public synchronized void close() {
        if (closed.getCount() == 0) {
            return;
        }
        drain.closeAndAwait(models.longestTimeoutMs());
        shutDown();
        closed.countDown();
    }

    private void shutDown() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort: the port and threads are released by the JVM at worst
        }
        models.close();
        metrics.close();
    }
}
