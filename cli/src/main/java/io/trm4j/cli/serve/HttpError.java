package io.trm4j.cli.serve;

/** An HTTP error answer: status plus the one-line message sent as {@code {"error": "..."}}. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String retryAfter;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    HttpError(int status, String message, String retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    int status() {
        return status;
    }

    /** The {@code Retry-After} header value (seconds), or null. */
    String retryAfter() {
        return retryAfter;
    }
}
