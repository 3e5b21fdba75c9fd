package io.trm4j.cli.config;

import io.trm4j.core.Provider;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.runtime.SessionSettings;

import java.util.Locale;

/**
 * Every setting a config file, an environment variable or a flag can give. One table, so the
 * three sources cannot drift apart: the file key, the {@code TRM_*} name and the flag all derive
 * from here, and so do the value checks.
 */
public enum Setting {
    MODEL("model", "--model", Type.TEXT, null),
    HEAD("head", "--head", Type.TEXT, null),
    PROVIDER("provider", "--provider", Type.PROVIDER, "cpu"),
    THREADS("threads", "--threads", Type.range(1, SessionSettings.MAX_THREADS), null),
    MAX_STEPS("max_steps", "--max-steps", Type.range(1, LoopSettings.MAX_STEPS_LIMIT), null),
    HALTING("halting", "--halting", Type.HALTING, null),
    PATIENCE("patience", "--patience", Type.range(1, HaltingPolicy.MAX_PATIENCE), null),
    SERVE_HOST("serve.host", "--host", Type.TEXT, "127.0.0.1"),
    SERVE_PORT("serve.port", "--port", Type.range(0, 65535), "8080"),
    SERVE_MAX_BATCH("serve.max_batch", "--max-batch", Type.range(1, 4096), "64"),
    SERVE_BATCHING("serve.batching", "--batching", Type.BATCHING, "continuous"),
    SERVE_MAX_WAIT_MS("serve.max_wait_ms", "--max-wait-ms", Type.range(0, 10_000), "2"),
    SERVE_QUEUE("serve.queue", "--queue", Type.range(1, 1_000_000), "256"),
    SERVE_TIMEOUT_MS("serve.timeout_ms", "--timeout-ms", Type.range(1, 3_600_000), "30000"),
    SERVE_MAX_BODY_BYTES("serve.max_body_bytes", "--max-body-bytes", Type.range(64, 256 << 20), "1048576");

    private final String key;
    private final String flag;
    private final Type type;
    private final String defaultValue;

    Setting(String key, String flag, Type type, String defaultValue) {
        this.key = key;
        this.flag = flag;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The config-file key, e.g. {@code serve.max_batch}. */
    public String key() {
        return key;
    }

    /** The command-line flag, e.g. {@code --max-batch}. */
    public String flag() {
        return flag;
    }

    /** The environment variable, e.g. {@code TRM_SERVE_MAX_BATCH}. */
    public String envName() {
        return "TRM_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The built-in default (raw text), or null for "the model's own". */
    public String defaultValue() {
        return defaultValue;
    }

    /** The typed value of {@code raw}; throws {@link IllegalArgumentException} saying what is wrong. */
    Object parse(String raw) {
        return type.parse(raw.strip());
    }

    /** How a raw value is read and checked. */
    interface Type {
        Type TEXT = raw -> {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return raw;
        };
        Type PROVIDER = raw -> Provider.parse(raw);
        Type HALTING = raw -> HaltingPolicy.Kind.parse(raw);
        Type BATCHING = raw -> {
            if (!raw.equals("continuous") && !raw.equals("static")) {
                throw new IllegalArgumentException("must be continuous or static");
            }
            return raw;
        };

        Object parse(String raw);

        static Type range(int min, int max) {
            return raw -> {
                int v;
                try {
                    v = Integer.parseInt(raw);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not an integer");
                }
                if (v < min || v > max) {
                    throw new IllegalArgumentException("must be in " + min + ".." + max);
                }
                return v;
            };
        }
    }
}
