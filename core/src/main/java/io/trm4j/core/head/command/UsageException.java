package io.trm4j.core.head.command;

import io.trm4j.core.TrmException;

/** A command used wrongly (options that do not go together); a front end adds how to get help. */
public final class UsageException extends TrmException {
    public UsageException(String message) {
        super(message);
    }
}
