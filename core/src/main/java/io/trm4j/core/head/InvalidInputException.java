package io.trm4j.core.head;

import io.trm4j.core.TrmException;

/** A puzzle that a head cannot parse or encode; the message says where and why. */
public class InvalidInputException extends TrmException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }
}
