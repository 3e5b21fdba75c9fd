package io.trm4j.core.head;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

/** Where a JSON error is, for messages; Jackson gives no location for some errors (nesting too deep). */
public final class JsonErrors {
    private JsonErrors() {
    }

    /** {@code " at line L, column C"}, or {@code ""} when Jackson knows no location. */
    public static String at(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
}
