package io.trm4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.StepRecord;

/** {@code trm solve --json}: one object per input, on one line. */
final class JsonReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonReport() {
    }

    static String of(Reasoner<Object, Object> r, Reasoning<Object> res, boolean trace) {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", r.model().name());
        o.put("head", r.head().name());
        o.put("answer", r.head().render(res.answer(), RenderStyle.COMPACT));
        o.put("steps", res.steps());
        o.put("confidence", res.confidence());
        o.put("halt", res.rows().get(0).haltReason().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode verdict = o.putObject("verdict");
        verdict.put("status", res.verdict().status().name());
        verdict.put("detail", res.verdict().detail());
        o.put("elapsed_ms", res.elapsed().toNanos() / 1e6);
        if (trace) {
            ArrayNode steps = o.putArray("trace");
            for (StepRecord s : res.trace()) {
                ObjectNode step = steps.addObject();
                step.put("step", s.step());
                step.put("confidence", s.confidence());
                step.put("prediction", ids(s.prediction()));
            }
        }
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String ids(int[] ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            sb.append(i == 0 ? "" : " ").append(ids[i]);
        }
        return sb.toString();
    }
}
