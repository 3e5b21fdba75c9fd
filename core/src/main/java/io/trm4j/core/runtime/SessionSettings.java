package io.trm4j.core.runtime;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.TrmException;

import static java.util.Objects.requireNonNull;

/**
 * How the native session is built.
 *
 * @param provider      where to run
 * @param intraOpThreads threads inside one op (default: available processors)
 * @param allowSpinning whether idle ORT threads spin (lower latency, burns CPU between calls)
 */
public record SessionSettings(ExecutionProvider provider, int intraOpThreads, boolean allowSpinning) {
    public static final int MAX_THREADS = 1024;

    public SessionSettings {
        requireNonNull(provider, "provider is null");
        if (intraOpThreads < 1 || intraOpThreads > MAX_THREADS) {
            throw new TrmException("threads must be in 1.." + MAX_THREADS + ", got " + intraOpThreads);
        }
    }

    public static SessionSettings defaults() {
        return new SessionSettings(ExecutionProvider.CPU, Runtime.getRuntime().availableProcessors(), true);
    }
}
