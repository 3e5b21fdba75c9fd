package io.trm4j.core;

/**
 * Base of every user-facing trm4j error. Unchecked so that API users are not forced to wrap
 * every call; the message is written to be shown as-is (one line, names the file/field/option).
 */
public class TrmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrmException(String message) {
        super(message);
    }

    public TrmException(String message, Throwable cause) {
        super(message, cause);
    }
}
