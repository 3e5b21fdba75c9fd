package io.trm4j.core.search;

import io.trm4j.core.loop.StepRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The traces of one search's runs ({@link SearchRunTrace}), kept as the runs are made. A run is kept
 * only when the loop traced it, so a search without a trace keeps (and allocates) nothing here; a
 * kept run holds its trace, answer and verdict, not its logits.
 */
final class RunTraces<O> {
    private List<SearchRunTrace<O>> kept; // null until the first traced run

    /** Keeps {@code a}'s trace as the next run when it has one; returns {@code a} numbered as that run. */
    Attempt<O> keep(Attempt<O> a, String kind, String detail) {
        List<StepRecord> trace = a.rows().get(0).trace();
        if (trace.isEmpty()) {
            return a;
        }
        if (kept == null) {
            kept = new ArrayList<>();
        }
        int number = kept.size() + 1;
        kept.add(new SearchRunTrace<>(number, kind, detail, a.answer(), a.verdict(), a.steps(), a.confidence(), trace,
                false));
        return a.asRun(number);
    }

    /**
     * Every kept run, {@code chosen}'s marked; a chosen attempt that is no kept run ({@code sample}'s
     * draw, {@code detail} saying which) comes last, with the trace of the run it was drawn from.
     */
    List<SearchRunTrace<O>> all(Attempt<O> chosen, String detail) {
        if (kept == null) {
            return List.of();
        }
        List<SearchRunTrace<O>> out = new ArrayList<>(kept.size() + 1);
        for (SearchRunTrace<O> t : kept) {
            out.add(t.run() == chosen.run() ? t.asChosen() : t);
        }
        if (chosen.run() == 0) {
            out.add(new SearchRunTrace<>(out.size() + 1, SearchRunTrace.DRAW, detail, chosen.answer(), chosen.verdict(),
                    chosen.steps(), chosen.confidence(), chosen.rows().get(0).trace(), true));
        }
        return List.copyOf(out);
    }
}
