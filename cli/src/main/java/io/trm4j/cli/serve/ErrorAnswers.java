package io.trm4j.cli.serve;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a request Jetty refuses before it reaches {@link Routes} (headers too large, a
 * malformed request line): the same {@code {"error": "..."}} shape, in the project's words.
 */
final class ErrorAnswers implements Request.Handler {
    private final int headerBytes;

    ErrorAnswers(int headerBytes) {
        this.headerBytes = headerBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Object code = request.getAttribute(ErrorHandler.ERROR_STATUS);
        int status = code instanceof Integer i ? i : response.getStatus();
        String message;
        switch (status) {
            case 431 -> message = "request headers exceed the limit of " + headerBytes + " bytes";
            case 414 -> message = "request line exceeds the limit of " + headerBytes + " bytes";
            case 413 -> message = "request body too large";
            case 408 -> message = "the request did not arrive in time";
            case 400 -> message = "malformed HTTP request";
            default -> message = "HTTP error " + status;
        }
        byte[] body = ("{\"error\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
