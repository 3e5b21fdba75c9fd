package io.trm4j.cli.serve;

import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The server's own settings ({@code serve.*}), resolved from flags, env and the config file.
 *
 * @param limits         each model's limits unless it has its own ({@code models.NAME.serve.*})
 * @param maxBodyBytes   request body limit, then 413
 * @param idleTimeoutMs  how long a connection may send nothing (while its headers or body arrive,
 *                       or between keep-alive requests) before it is closed
 * @param maxConnections connections open at once; beyond that the server stops accepting until one
 *                       closes
 * @param token          the bearer token every request but {@code /healthz} must carry; null: none
 * @param accessLog      one JSON line per request on the {@code trm.access} logger
 * @param eager          load every model at start (rather than on its first request)
 * @param tls            HTTPS with this keystore; null: plain HTTP
 */
public record ServeConfig(String host, int port, ModelLimits limits, int maxBodyBytes, int idleTimeoutMs,
                          int maxConnections, String token, boolean accessLog, boolean eager, TlsKeystore tls) {
    public ServeConfig {
        requireNonNull(host, "host is null");
        requireNonNull(limits, "limits is null");
        if (port < 0 || port > 65535 || maxBodyBytes < 1 || idleTimeoutMs < 1 || maxConnections < 1) {
            throw new IllegalArgumentException("bad serve config: port " + port + ", max_body_bytes " + maxBodyBytes
                    + ", idle_timeout_ms " + idleTimeoutMs + ", max_connections " + maxConnections);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("the bearer token is blank");
        }
    }

    /** The batching settings of one model, and server defaults for the rest (tests). */
    public ServeConfig(String host, int port, int maxBatch, int maxWaitMs, int queue, int timeoutMs,
                       int maxBodyBytes, boolean continuous) {
        this(host, port, new ModelLimits(maxBatch, maxWaitMs, queue, timeoutMs, continuous, 0, 0), maxBodyBytes,
                30_000, 10_000, null, false, true, null);
    }

    public static ServeConfig from(Settings s) {
        return new ServeConfig(s.text(Setting.SERVE_HOST), s.intValue(Setting.SERVE_PORT), ModelLimits.from(s),
                s.intValue(Setting.SERVE_MAX_BODY_BYTES), s.intValue(Setting.SERVE_IDLE_TIMEOUT_MS),
                s.intValue(Setting.SERVE_MAX_CONNECTIONS), s.text(Setting.SERVE_TOKEN), s.text(Setting.SERVE_ACCESS_LOG).equals("json"),
                s.text(Setting.SERVE_LOAD).equals("eager"), tls(s));
    }

    /** The keystore and its password, both or neither. */
    private static TlsKeystore tls(Settings s) {
        String keystore = s.text(Setting.SERVE_TLS_KEYSTORE);
        String password = s.text(Setting.SERVE_TLS_KEYSTORE_PASSWORD);
        if (keystore != null && password == null) {
            throw new TrmException(Setting.SERVE_TLS_KEYSTORE.key() + " (" + s.source(Setting.SERVE_TLS_KEYSTORE)
                    + ") needs the keystore's password: set " + Setting.SERVE_TLS_KEYSTORE_PASSWORD.envName() + " (or "
                    + Setting.SERVE_TLS_KEYSTORE_PASSWORD.key() + ")");
        }
        if (keystore == null && password != null) {
            throw new TrmException(Setting.SERVE_TLS_KEYSTORE_PASSWORD.key() + " (" + s.source(
                    Setting.SERVE_TLS_KEYSTORE_PASSWORD) + ") is given without " + Setting.SERVE_TLS_KEYSTORE.key()
                    + ": name the keystore too");
        }
        return keystore == null ? null : new TlsKeystore(Path.of(keystore), password);
    }

    /** Defaults, on a free loopback port (tests). */
    public static ServeConfig loopback() {
        return new ServeConfig("127.0.0.1", 0, 64, 2, 256, 30_000, 1 << 20, true);
    }

    public ServeConfig withPort(int value) {
        return new ServeConfig(host, value, limits, maxBodyBytes, idleTimeoutMs, maxConnections, token, accessLog, eager,
                tls);
    }

    public ServeConfig withMaxBodyBytes(int value) {
        return new ServeConfig(host, port, limits, value, idleTimeoutMs, maxConnections, token, accessLog, eager, tls);
    }

    public ServeConfig withToken(String value) {
        return new ServeConfig(host, port, limits, maxBodyBytes, idleTimeoutMs, maxConnections, value, accessLog, eager,
                tls);
    }

    public ServeConfig withIdleTimeoutMs(int value) {
        return new ServeConfig(host, port, limits, maxBodyBytes, value, maxConnections, token, accessLog, eager, tls);
    }

    public ServeConfig withEager(boolean value) {
        return new ServeConfig(host, port, limits, maxBodyBytes, idleTimeoutMs, maxConnections, token, accessLog, value,
                tls);
    }

    public ServeConfig withTls(TlsKeystore value) {
        return new ServeConfig(host, port, limits, maxBodyBytes, idleTimeoutMs, maxConnections, token, accessLog, eager,
                value);
    }

    /** Whether the address is reachable only from this machine (no token needed there). */
    public boolean loopbackOnly() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
