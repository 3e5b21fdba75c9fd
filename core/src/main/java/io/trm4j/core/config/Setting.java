package io.trm4j.core.config;

import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.Precision;
import io.trm4j.core.TrmException;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.runtime.SessionSettings;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Every setting a properties file, a system property, an environment variable, a flag or a
 * request can give. One table, so the sources cannot drift apart: the file key, the
 * {@code trm.*} property, the {@code TRM_*} name, the flag, its help text and the value checks
 * all derive from here.
 */
public enum Setting {
    MODEL("model", "--model", "NAME|DIR", Type.TEXT, null,
            "A bundled model (name or head) or a model directory. Default: the bundled model for the head."),
    HEAD("head", "--head", "NAME", Type.TEXT, null, "The task head (default: the model's)."),
    PROVIDER("provider", "--provider", "P", Type.PROVIDER, "cpu", "cpu, cuda or auto (default: cpu)."),
    PRECISION("precision", "--precision", "P", Type.PRECISION, "fp32",
            "Which cell runs: fp32 (default, the model's own), or an int8 or fp16 variant in the model's directory "
                    + "(cell-int8.onnx, or as its manifest's variants name it)."),
    THREADS("threads", "--threads", "N", Type.range(new Limit("threads", 1, SessionSettings.MAX_THREADS)), null,
            "Intra-op threads (default: all processors)."),
    ORT_NATIVE_PATH("ort_native_path", "--ort-native-path", "DIR", Type.TEXT, null,
            "A directory of ONNX Runtime natives to load instead of the jar's (for CUDA 13 hosts; see the CUDA "
                    + "docs)."),
    MAX_STEPS("max_steps", "--max-steps", "N", Type.range(new Limit("max steps", 1, LoopSettings.MAX_STEPS_LIMIT)),
            null, "Supervision steps (default: the model's)."),
    HALTING("halting", "--halting", "POLICY", Type.HALTING, null, "fixed, act or converged (default: the model's)."),
    PATIENCE("patience", "--patience", "K", Type.range(new Limit("halting patience", 1, HaltingPolicy.MAX_PATIENCE)),
            null, "Steps unchanged before 'converged' halts."),
    SERVE_HOST("serve.host", "--host", "ADDR", Type.TEXT, "127.0.0.1", "Address to bind (default: 127.0.0.1)."),
    SERVE_PORT("serve.port", "--port", "N", Type.range(new Limit("port", 0, 65535)), "8080",
            "Port (default: 8080; 0 picks a free one)."),
    SERVE_MAX_BATCH("serve.max_batch", "--max-batch", "N", Type.range(new Limit("max batch", 1, 4096)), "64",
            "Most puzzles per cell call (default: 64; 1 turns batching off)."),
    SERVE_BATCHING("serve.batching", "--batching", "MODE", Type.BATCHING, "continuous",
            "continuous (default): puzzles join the running batch at the next step; static: a batch runs to its "
                    + "end before the next starts."),
    SERVE_MAX_WAIT_MS("serve.max_wait_ms", "--max-wait-ms", "MS", Type.range(new Limit("max wait ms", 0, 10_000)),
            "2", "How long a puzzle waits for batch-mates (default: 2)."),
    SERVE_QUEUE("serve.queue", "--queue", "N", Type.range(new Limit("queue", 1, 1_000_000)), "256",
            "Puzzles that may wait; beyond that 429 (default: 256)."),
    SERVE_TIMEOUT_MS("serve.timeout_ms", "--timeout-ms", "MS", Type.range(new Limit("timeout ms", 1, 3_600_000)),
            "30000", "Per-request timeout, then 504 (default: 30000)."),
    SERVE_MAX_BODY_BYTES("serve.max_body_bytes", "--max-body-bytes", "N",
            Type.range(new Limit("max body bytes", 64, 256 << 20)), "1048576",
            "Request body limit, then 413 (default: 1048576)."),
    SERVE_MAX_STEPS("serve.max_steps", "--max-steps-limit", "N",
            Type.range(new Limit("max steps limit", 0, LoopSettings.MAX_STEPS_LIMIT)), "0",
            "Most max_steps a request may ask for (default: 0, the runtime's limit)."),
    SERVE_MAX_SEARCH_BUDGET("serve.max_search_budget", "--max-search-budget", "N",
            Type.range(new Limit("max search budget", 0, 1_000_000)), "0",
            "Most loop runs a search request may ask for (default: 0, no cap)."),
    SERVE_IDLE_TIMEOUT_MS("serve.idle_timeout_ms", "--idle-timeout-ms", "MS",
            Type.range(new Limit("idle timeout ms", 100, 3_600_000)), "30000",
            "A connection that sends nothing this long (headers, body, or between requests) is closed "
                    + "(default: 30000)."),
    SERVE_MAX_CONNECTIONS("serve.max_connections", "--max-connections", "N",
            Type.range(new Limit("max connections", 1, 1_000_000)), "10000", "Open connections at once (default: 10000)."),
    SERVE_TOKEN("serve.token", "--token", "TOKEN", Type.TEXT, null,
            "Require 'Authorization: Bearer TOKEN' on every endpoint but /healthz (better: TRM_SERVE_TOKEN, "
                    + "which ps does not show)."),
    SERVE_TLS_KEYSTORE("serve.tls_keystore", "--tls-keystore", "FILE", Type.TEXT, null,
            "Serve HTTPS with this keystore (PKCS12 or JKS) holding the server's key and certificate chain "
                    + "(default: plain HTTP)."),
    SERVE_TLS_KEYSTORE_PASSWORD("serve.tls_keystore_password", "--tls-keystore-password", "PASSWORD", Type.TEXT,
            null, "The keystore's password (better: TRM_SERVE_TLS_KEYSTORE_PASSWORD, which ps does not show)."),
    SERVE_ACCESS_LOG("serve.access_log", "--access-log", "MODE", Type.choice("off", "json"), "off",
            "off (default) or json: one JSON line per request on the trm.access logger (stderr)."),
    SERVE_LOAD("serve.load", "--load", "WHEN", Type.choice("eager", "lazy"), "eager",
            "eager (default): load every model at start; lazy: on its first request."),
    SERVE_MODELS("serve.models", "--models", "LIST", Type.TEXT, null,
            "More models to serve, comma-separated bundled names or directories, each optionally NAME=DIR "
                    + "(beside --model, or beside every bundled model).");

    /** What {@code trm serve} may set per model: its batcher and the caps on what a request may ask of it. */
    public static final Set<Setting> SERVE_PER_MODEL = Set.copyOf(EnumSet.of(SERVE_MAX_BATCH, SERVE_BATCHING,
            SERVE_MAX_WAIT_MS, SERVE_QUEUE, SERVE_TIMEOUT_MS, SERVE_MAX_STEPS, SERVE_MAX_SEARCH_BUDGET));

    /**
     * What a {@code models.<name>.*} section may set: each model its own model, head, provider and
     * loop, and (read by {@code trm serve} only) its own serving limits, e.g. {@code models.maze.serve.queue}.
     */
    public static final Set<Setting> PER_MODEL = union(EnumSet.of(MODEL, HEAD, PROVIDER, PRECISION, THREADS, MAX_STEPS,
            HALTING, PATIENCE), SERVE_PER_MODEL);

    /** The per-model settings a section inherits from the top level when it does not set them. */
    public static final Set<Setting> INHERITED = union(EnumSet.of(PROVIDER, PRECISION, THREADS, MAX_STEPS, HALTING,
            PATIENCE),
            SERVE_PER_MODEL);

    private final String key;
    private final String flag;
    private final String paramLabel;
    private final Type type;
    private final String defaultValue;
    private final String description;

    Setting(String key, String flag, String paramLabel, Type type, String defaultValue, String description) {
        this.key = key;
        this.flag = flag;
        this.paramLabel = paramLabel;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    private static Set<Setting> union(EnumSet<Setting> a, Set<Setting> b) {
        a.addAll(b);
        return Set.copyOf(a);
    }

    /** The config-file key, e.g. {@code serve.max_batch}. */
    public String key() {
        return key;
    }

    /** The key inside a {@code models.<name>} section: {@code path} for the model, else {@link #key()}. */
    public String modelKey() {
        return this == MODEL ? "path" : key;
    }

    /** The command-line flag, e.g. {@code --max-batch}. */
    public String flag() {
        return flag;
    }

    /** The flag's value placeholder in help, e.g. {@code N}. */
    public String paramLabel() {
        return paramLabel;
    }

    /** One line of help, with the default where there is one. */
    public String description() {
        return description;
    }

    /** The environment variable, e.g. {@code TRM_SERVE_MAX_BATCH}. */
    public String envName() {
        return "TRM_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** The system property, e.g. {@code trm.serve.max_batch}. */
    public String propertyName() {
        return SettingsResolver.PROPERTY_PREFIX + key;
    }

    /** The built-in default (raw text), or null for "the model's own". */
    public String defaultValue() {
        return defaultValue;
    }

    /** The range of an integer setting, or null for the others. */
    public Limit limit() {
        return type instanceof Range r ? r.limit() : null;
    }

    /** The typed value of {@code raw}; throws {@link IllegalArgumentException} saying what is wrong. */
    Object parse(String raw) {
        return type.parse(raw.strip());
    }

    /**
     * A typed value (from a request or code) checked as text would be: an {@code Integer} against
     * the range, a {@code String} parsed. Throws {@link TrmException} saying what is wrong.
     */
    Object check(Object value) {
        if (value instanceof String s) {
            try {
                return parse(s);
            } catch (IllegalArgumentException e) {
                throw new TrmException("bad value '" + s.strip() + "' for " + key + ": " + e.getMessage());
            }
        }
        if (type instanceof Range r && value instanceof Integer i) {
            return r.limit().check(i);
        }
        if ((type == Type.PROVIDER && value instanceof ExecutionProvider)
                || (type == Type.HALTING && value instanceof HaltingPolicy.Kind)
                || (type == Type.PRECISION && value instanceof Precision)) {
            return value;
        }
        throw new TrmException("bad value '" + value + "' for " + key);
    }

    /** How a raw value is read and checked. */
    interface Type {
        Type TEXT = raw -> {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return raw;
        };
        Type PROVIDER = ExecutionProvider::parse;
        Type PRECISION = Precision::parse;
        Type HALTING = HaltingPolicy.Kind::parse;
        Type BATCHING = choice("continuous", "static");

        Object parse(String raw);

        /** One of {@code values}, as given. */
        static Type choice(String... values) {
            return raw -> {
                if (!java.util.Arrays.asList(values).contains(raw)) {
                    throw new IllegalArgumentException("must be " + String.join(" or ", values));
                }
                return raw;
            };
        }

        static Type range(Limit limit) {
            return new Range(limit);
        }
    }

    private record Range(Limit limit) implements Type {
        @Override
        public Object parse(String raw) {
            return limit.parse(raw);
        }
    }
}
