package io.trm4j.cli.serve;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * The JSON reader's size limits, said in the service's words: Jackson's own message names its
 * internals ({@code StreamReadConstraints.getMaxNumberLength()}), which mean nothing to a client.
 */
final class JsonLimits {
    private JsonLimits() {
    }

    /** What limit the body broke, e.g. "a number longer than 1000 digits". */
    static String describe(StreamConstraintsException e) {
        StreamReadConstraints c = StreamReadConstraints.defaults();
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (m.startsWith("Number")) {
            return "a number longer than " + c.getMaxNumberLength() + " digits";
        }
        if (m.startsWith("Document nesting") || m.contains("nesting depth")) {
            return "arrays or objects nested deeper than " + c.getMaxNestingDepth() + " levels";
        }
        if (m.startsWith("String") || m.startsWith("Name")) {
            return "a string longer than " + c.getMaxStringLength() + " characters";
        }
        return "a value over the JSON reader's size limits";
    }
}
