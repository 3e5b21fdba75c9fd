package io.trm4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoning;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.StepRecord;
import io.trm4j.core.head.TaskHead;

import java.util.Locale;

/** The JSON fields of one result, the same for {@code trm solve --json} and the HTTP service. */
public final class ReasoningJson {
    private ReasoningJson() {
    }

    /** Adds answer, verdict, steps, confidence, halt and, when asked, the per-step trace to {@code o}. */
    public static ObjectNode fill(ObjectNode o, TaskHead<Object, Object> head, Reasoning<Object> res, boolean trace) {
        o.put("answer", head.render(res.answer(), RenderStyle.COMPACT));
        ObjectNode verdict = o.putObject("verdict");
        verdict.put("status", res.verdict().status().name());
        verdict.put("detail", res.verdict().detail());
        o.put("steps", res.steps());
        o.put("confidence", res.confidence());
        o.put("halt", res.rows().get(0).haltReason().name().toLowerCase(Locale.ROOT));
        if (trace) {
            ArrayNode steps = o.putArray("trace");
            for (StepRecord s : res.trace()) {
                ObjectNode step = steps.addObject();
                step.put("step", s.step());
                step.put("confidence", s.confidence());
                ArrayNode ids = step.putArray("prediction");
                for (int id : s.prediction()) {
                    ids.add(id);
                }
            }
        }
        return o;
    }
}
