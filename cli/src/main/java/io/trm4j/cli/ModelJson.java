package io.trm4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.model.ModelInfo;

/**
 * The JSON fields that describe a model's manifest, the same for {@code trm models --json} and the
 * service's {@code GET /v1/models}, so the two cannot drift apart.
 */
public final class ModelJson {
    private ModelJson() {
    }

    /**
     * Adds {@code description}, {@code variant}, {@code params} (null where the manifest does not
     * say), {@code seq_len} and {@code max_steps} (the manifest's supervision steps) to {@code o}.
     */
    public static ObjectNode fill(ObjectNode o, ModelInfo m) {
        o.put("description", m.description());
        o.put("variant", m.variant());
        putKnown(o, "params", m.params());
        o.put("seq_len", m.seqLen());
        o.put("max_steps", m.maxSteps());
        return o;
    }

    /** A count, or null where it is not known (negative). */
    public static void putKnown(ObjectNode o, String field, long n) {
        if (n < 0) {
            o.putNull(field);
        } else {
            o.put(field, n);
        }
    }
}
