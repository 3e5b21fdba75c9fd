package io.trm4j.cli.serve;

import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;

import static java.util.Objects.requireNonNull;

/**
 * The server's own settings ({@code serve.*}), resolved from flags, env and the config file.
 *
 * @param continuous continuous batching (requests join the running batch at the next step) rather
 *                   than static (a batch runs to its end before the next starts)
 */
public record ServeConfig(String host, int port, int maxBatch, int maxWaitMs, int queue, int timeoutMs,
                          int maxBodyBytes, boolean continuous) {
    public ServeConfig {
        requireNonNull(host, "host is null");
        if (port < 0 || port > 65535 || maxBatch < 1 || maxWaitMs < 0 || queue < 1 || timeoutMs < 1
                || maxBodyBytes < 1) {
            throw new IllegalArgumentException("bad serve config: " + port + " " + maxBatch + " " + maxWaitMs
                    + " " + queue + " " + timeoutMs + " " + maxBodyBytes);
        }
    }

    public static ServeConfig from(Settings s) {
        return new ServeConfig(s.text(Setting.SERVE_HOST), s.intValue(Setting.SERVE_PORT),
                s.intValue(Setting.SERVE_MAX_BATCH), s.intValue(Setting.SERVE_MAX_WAIT_MS),
                s.intValue(Setting.SERVE_QUEUE), s.intValue(Setting.SERVE_TIMEOUT_MS),
                s.intValue(Setting.SERVE_MAX_BODY_BYTES), s.text(Setting.SERVE_BATCHING).equals("continuous"));
    }

    /** Defaults, on a free loopback port (tests). */
    public static ServeConfig loopback() {
        return new ServeConfig("127.0.0.1", 0, 64, 2, 256, 30_000, 1 << 20, true);
    }

    public ServeConfig withPort(int value) {
        return new ServeConfig(host, value, maxBatch, maxWaitMs, queue, timeoutMs, maxBodyBytes, continuous);
    }

    public ServeConfig withMaxBodyBytes(int value) {
        return new ServeConfig(host, port, maxBatch, maxWaitMs, queue, timeoutMs, value, continuous);
    }

    /** Inputs the batcher lets run at once: a full batch running and one about to join it; 0 = static. */
    public int maxRowsInFlight() {
        return continuous ? 2 * maxBatch : 0;
    }
}
