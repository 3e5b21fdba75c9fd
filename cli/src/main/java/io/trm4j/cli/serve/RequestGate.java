package io.trm4j.cli.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.regex.Pattern;

/** The bearer token check and the request id: what every request passes before it is routed. */
final class RequestGate {
    /** An incoming id is kept when it is short, visible ASCII: it goes into logs and headers as is. */
    private static final Pattern SAFE_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");

    private final byte[] token;

    /** @param token the bearer token every request must carry, or null for none */
    RequestGate(String token) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** 401 unless the request carries {@code Authorization: Bearer TOKEN} (when a token is set). */
    void check(Request request) {
        if (token == null) {
            return;
        }
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new HttpError(401, "this server needs a token: send the header 'Authorization: Bearer TOKEN'");
        }
        byte[] given = auth.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) { // constant time: the answer's timing tells nothing
            throw new HttpError(401, "wrong bearer token");
        }
    }

    /** The caller's {@code X-Request-Id} when it is a safe one, else a new random id. */
    static String requestId(Request request) {
        String given = request.getHeaders().get("X-Request-Id");
        return given != null && SAFE_ID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
