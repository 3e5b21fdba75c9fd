package io.trm4j.cli.serve;

/** A {@link MicroBatcher} would not take an input: its queue is full now, or it is shutting down. */
public final class RejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean queueFull;

    RejectedException(String message, boolean queueFull) {
        super(message);
        this.queueFull = queueFull;
    }

    /** Whether the queue was full (a retry may succeed once it drains), rather than shutting down. */
    public boolean queueFull() {
        return queueFull;
    }
}
