package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;

/** {@code trm solve --json}: one object per input, on one line. */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {
    }

    static String of(Reasoner<Object, Object> r, Reasoning<Object> res, boolean trace) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", r.model().name());
        o.put("head", r.head().name());
        ReasoningJson.fill(o, r.head(), r.model(), res, trace);
        o.put("elapsed_ms", res.elapsed().toNanos() / 1e6);
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
