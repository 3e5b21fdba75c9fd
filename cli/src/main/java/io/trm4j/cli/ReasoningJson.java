package io.trm4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trm4j.core.Reasoning;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.StructuredAnswer;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.model.ModelInfo;
import io.trm4j.core.search.SearchInfo;
import io.trm4j.core.search.SearchRunTrace;
import io.trm4j.core.search.SearchSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The JSON fields of one result, the same for {@code trm solve --json} and the HTTP service. */
public final class ReasoningJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReasoningJson() {
    }

    /**
     * Adds answer, {@code structured} (for a {@link StructuredAnswer}: the answer as JSON fields), verdict, steps, confidence, halt, provider (the one that ran: {@code cpu} or
     * {@code cuda}), {@code provider_note} when an {@code auto} fallback happened, under a search what it spent ({@code search}:
     * strategy, found_by, loop_runs, steps, candidates, verified, detail) and, when asked, the
     * per-step trace to {@code o}.
     * Each trace step has its confidence and predicted token ids; every step after the first also
     * has {@code changed}: the positions whose token changed, named by the head (e.g. {@code r1c3}),
     * each with its new value in the model's vocabulary (e.g. {@code "7"}). With the trace comes
     * {@code trace_layout} ({@link TraceLayout}): where each position sits in a grid, and the vocabulary,
     * so that a client draws every step without knowing the head. Under a search with the trace
     * comes {@code search_runs}: every run the search made (what it was, its answer, verdict, steps,
     * confidence, whether it is the chosen one, and its trace laid out as {@code trace}); the layout
     * then fits every run's steps.
     */
    public static ObjectNode fill(ObjectNode o, TaskHead<Object, Object> head, ModelInfo model, Reasoning<Object> res,
                                  boolean trace) {
        o.put("answer", head.render(res.answer(), RenderStyle.COMPACT));
        if (res.answer() instanceof StructuredAnswer s) { // the same answer as fields: rows, terms, grids
            o.set("structured", JSON.valueToTree(s.structured()));
        }
        verdict(o.putObject("verdict"), res.verdict());
        o.put("steps", res.steps());
        o.put("confidence", res.confidence());
        o.put("halt", res.rows().get(0).haltReason().name().toLowerCase(Locale.ROOT));
        if (res.provider() != null) {
            o.put("provider", res.provider().name().toLowerCase(Locale.ROOT));
        }
        if (!res.providerNote().isEmpty()) { // an auto fallback, said here too: a service may have no SLF4J binding
            o.put("provider_note", res.providerNote());
        }
        SearchInfo info = res.search();
        if (info.strategy() != SearchSpec.Strategy.NONE) { // without search the fields stay as they were
            ObjectNode search = o.putObject("search");
            search.put("strategy", info.strategy().label());
            search.put("found_by", info.foundBy());
            search.put("loop_runs", info.loopRuns());
            search.put("steps", info.steps());
            search.put("candidates", info.candidates());
            search.put("verified", info.verified());
            search.put("detail", info.detail());
        }
        if (trace) {
            steps(o.putArray("trace"), res.trace(), head, model);
            List<StepRecord> all = new ArrayList<>(res.trace());
            if (!res.searchRuns().isEmpty()) { // every run of the search, each traced as the answer's run is
                ArrayNode runs = o.putArray("search_runs");
                for (SearchRunTrace<Object> run : res.searchRuns()) {
                    searchRun(runs.addObject(), run, head, model);
                    all.addAll(run.trace());
                }
            }
            TraceLayout.of(head, model, all).toJson(o.putObject("trace_layout")); // fits every run's steps
        }
        return o;
    }

    private static void verdict(ObjectNode verdict, Verdict v) {
        verdict.put("status", v.status().name());
        verdict.put("detail", v.detail());
        Verdict.Support support = v.support();
        if (support != null) { // a partial check: which source answered and how many of its checks passed
            verdict.putObject("support").put("by", support.by()).put("reproduced", support.reproduced())
                    .put("held", support.held()).put("agreement", support.agreement());
        }
    }

    /** One search run: what it was, its answer and verdict, and its trace in the layout of {@code trace}. */
    private static void searchRun(ObjectNode o, SearchRunTrace<Object> run, TaskHead<Object, Object> head,
                                  ModelInfo model) {
        o.put("run", run.run());
        o.put("kind", run.kind());
        o.put("detail", run.detail());
        o.put("chosen", run.chosen());
        o.put("answer", head.render(run.answer(), RenderStyle.COMPACT));
        verdict(o.putObject("verdict"), run.verdict());
        o.put("steps", run.steps());
        o.put("confidence", run.confidence());
        steps(o.putArray("trace"), run.trace(), head, model);
    }

    private static void steps(ArrayNode steps, List<StepRecord> trace, TaskHead<Object, Object> head, ModelInfo model) {
        int[] previous = null;
        for (StepRecord s : trace) {
            ObjectNode step = steps.addObject();
            step.put("step", s.step());
            step.put("confidence", s.confidence());
            ArrayNode ids = step.putArray("prediction");
            for (int id : s.prediction()) {
                ids.add(id);
            }
            if (previous != null) {
                ObjectNode changed = step.putObject("changed");
                for (Map.Entry<String, String> e : TraceReport.changes(previous, s.prediction(), head, model).entrySet()) {
                    changed.put(e.getKey(), e.getValue());
                }
            }
            previous = s.prediction();
        }
    }
}
