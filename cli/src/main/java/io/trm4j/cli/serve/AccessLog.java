package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * One JSON line per request on the SLF4J logger {@code trm.access} (INFO), when turned on
 * ({@code serve.access_log}): time, request id, method, path, endpoint, model, status, bytes
 * sent, milliseconds and the client's address. Route it with the logging backend's own settings.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("trm.access");

    private final boolean on;

    AccessLog(boolean on) {
        this.on = on;
    }

    void log(Request request, String id, String endpoint, String model, int status, int bytes, long nanos) {
        if (!on || !LOG.isInfoEnabled()) {
            return;
        }
        ObjectNode o = SolveApi.JSON.createObjectNode();
        o.put("time", Instant.now().toString());
        o.put("request_id", id);
        o.put("method", request.getMethod());
        o.put("path", Request.getPathInContext(request));
        o.put("endpoint", endpoint);
        if (!model.isEmpty()) {
            o.put("model", model);
        }
        o.put("status", status);
        o.put("bytes", bytes);
        o.put("ms", Math.round(nanos / 1e4) / 100.0);
        o.put("remote", Request.getRemoteAddr(request));
        LOG.info(o.toString());
    }
}
