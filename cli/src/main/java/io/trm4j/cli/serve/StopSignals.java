package io.trm4j.cli.serve;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * SIGTERM and SIGINT (Ctrl-C) handled in the process instead of by a JVM shutdown, for a graceful
 * stop. ONNX Runtime's Java binding registers a shutdown hook that releases its native environment,
 * and shutdown hooks run concurrently: on a plain JVM shutdown that hook can free the environment
 * while in-flight batches still run (seen as a SIGSEGV in libonnxruntime in 2 of 12 stops with
 * work in flight). Here the first signal starts {@code onStop} on its own thread, so the
 * server drains and the reasoner closes before the JVM exits; a second signal halts at once.
 * {@link #close()} puts the previous handlers back.
 */
public final class StopSignals implements AutoCloseable {
    private static final String[] NAMES = {"TERM", "INT"};

    private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

    private StopSignals(Runnable onStop) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = sig -> {
            if (stopping.compareAndSet(false, true)) {
                Thread t = new Thread(onStop, "trm-stop");
                t.setDaemon(false);
                t.start();
            } else {
                Runtime.getRuntime().halt(128 + sig.getNumber());
            }
        };
        for (String name : NAMES) {
            try {
                Signal signal = new Signal(name);
                previous.put(signal, Signal.handle(signal, handler));
            } catch (IllegalArgumentException e) {
                // The JVM reserves it (e.g. run with -Xrs): the shutdown hook remains the fallback.
            }
        }
    }

    /** Handles SIGTERM and SIGINT by running {@code onStop} (once) until {@link #close()}. */
    public static StopSignals install(Runnable onStop) {
        return new StopSignals(requireNonNull(onStop, "onStop is null"));
    }

    /** Whether any of the signals is handled here (false where the JVM reserves them). */
    public boolean active() {
        return !previous.isEmpty();
    }

    @Override
    public void close() {
        previous.forEach(Signal::handle);
        previous.clear();
    }
}
