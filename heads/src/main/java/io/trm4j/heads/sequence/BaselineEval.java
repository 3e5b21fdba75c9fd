package io.trm4j.heads.sequence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.eval.EvalReport;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.command.ModelFreeEval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@code trm eval sequence FILE --baseline}: the rule-fitting {@link SequenceBaseline} scored on the
 * same cases and with the same exactness test as the model, so the two reports compare directly.
 * It runs no model: steps and loop runs are 0, and nothing is "verified" (it has no verifier).
 */
final class BaselineEval {
    static final String SOLVER = "baseline (rule fitting)";

    private final SequenceHead head = new SequenceHead();
    private final SequenceBaseline baseline = new SequenceBaseline();

    /** The report, and a note with the share of rows where a rule reproduced every given term. */
    ModelFreeEval.Result run(List<EvalCase> cases, IntConsumer progress) {
        Map<String, int[]> groups = new LinkedHashMap<>(); // group -> {n, exact}
        Map<String, List<Double>> groupMs = new LinkedHashMap<>();
        List<Double> ms = new ArrayList<>();
        int invalid = 0;
        int fits = 0;
        String firstInvalid = null;
        long start = System.nanoTime();
        for (int i = 0; i < cases.size(); i++) {
            EvalCase c = cases.get(i);
            long t0 = System.nanoTime();
            try {
                if (c.isRejected()) {
                    throw new InvalidInputException(c.rejection());
                }
                SequenceInput input = head.parse(c.input());
                SequenceBaseline.Prediction p = baseline.predict(input.terms(), input.k());
                boolean exact = head.matchesExpected(input, p.toSequencePrediction(input), c.expected());
                int[] g = groups.computeIfAbsent(c.group(), k -> new int[2]);
                g[0]++;
                g[1] += exact ? 1 : 0;
                fits += p.ruleFits() ? 1 : 0;
                double took = (System.nanoTime() - t0) / 1e6;
                ms.add(took);
                groupMs.computeIfAbsent(c.group(), k -> new ArrayList<>()).add(took);
            } catch (InvalidInputException e) {
                invalid++;
                if (firstInvalid == null) {
                    firstInvalid = c.where() + ": " + e.getMessage();
                }
            }
            progress.accept(i + 1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, EvalReport.GroupStats> per = new LinkedHashMap<>();
        int n = 0;
        int exact = 0;
        for (Map.Entry<String, int[]> e : groups.entrySet()) {
            int[] g = e.getValue();
            per.put(e.getKey(), new EvalReport.GroupStats(g[0], share(g[1], g[0]), 0, 0, EvalReport.Cost.of(0, 0, groupMs.get(e.getKey()))));
            n += g[0];
            exact += g[1];
        }
        EvalReport report = new EvalReport(n, share(exact, n), 0, 0, 0, seconds > 0 ? cases.size() / seconds : 0,
                invalid, firstInvalid, per, EvalReport.Cost.of(0, 0, ms));
        double ruleFits = share(fits, n);
        return new ModelFreeEval.Result(SOLVER, report, List.of(String.format(Locale.ROOT,
                "a rule reproduced every given term on %.1f%% of rows (no model ran; nothing verified)", 100 * ruleFits)),
                JsonNodeFactory.instance.objectNode().put("rule_fits", ruleFits));
    }

    private static double share(int k, int n) {
        return n == 0 ? 0 : (double) k / n;
    }
}
