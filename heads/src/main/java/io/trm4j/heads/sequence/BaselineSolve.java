package io.trm4j.heads.sequence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.head.RenderStyle;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code trm solve sequence --baseline INPUT...}: the next terms from the rule-fitting
 * {@link SequenceBaseline}, no model loaded. Each answer says it is the baseline's and which rule
 * gave it; a guess made when no rule fits says so (and the CLI's exit code is 1).
 */
final class BaselineSolve {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SequenceHead head = new SequenceHead();
    private final SequenceBaseline baseline = new SequenceBaseline();

    /**
     * Parses every input first (a bad one fails before any answer), then prints one answer each;
     * whether a rule fitted every input.
     */
    boolean run(List<String> texts, boolean json, PrintWriter out) {
        List<SequenceInput> inputs = texts.stream().map(head::parse).toList();
        boolean allFit = true;
        for (SequenceInput input : inputs) {
            SequenceBaseline.Prediction p = baseline.predict(input.terms(), input.k());
            String answer = head.render(p.toSequencePrediction(input), RenderStyle.PLAIN);
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("solver", "baseline");
                o.put("answer", answer);
                p.terms().forEach(o.putArray("terms")::add);
                o.put("rule", p.rule());
                o.put("rule_fits", p.ruleFits());
                out.println(o);
            } else {
                out.println(answer);
                out.println("baseline (rule fitting, no model): " + p.rule()
                        + (p.ruleFits() ? "; reproduces every given term" : ""));
            }
            allFit &= p.ruleFits();
        }
        return allFit;
    }
}
