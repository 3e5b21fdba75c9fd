package io.trm4j.core;

import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;
import io.trm4j.core.search.SearchInfo;
import io.trm4j.core.search.SearchRunTrace;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of reasoning about one input.
 *
 * @param answer     the head's decoded answer
 * @param steps      supervision steps run (the most over the input's rows)
 * @param confidence {@code sigmoid(q_halt)} at the final step (mean over the input's rows)
 * @param verdict    the head's check of the answer
 * @param trace      per-step records of the input's first row (empty unless tracing)
 * @param elapsed    wall time of the call (for {@code reasonAll}: of the whole batch)
 * @param rows       the raw per-row results (under a search: of the run that gave the answer, with the
 *                   cells it drew or committed forced into the logits)
 * @param search     what the verified search spent and how it ended ({@code none}: one plain run)
 * @param searchRuns under a search with tracing on, every run it made, each with its own trace, in
 *                   order, the one the answer came from marked {@code chosen} (its trace is
 *                   {@code trace}); empty without a search or without tracing
 * @param provider   the execution provider that ran it ({@code auto} resolved); null only for a result
 *                   built outside a reasoner (the shorter constructors)
 * @param providerNote why the provider is not the one asked for (an {@code auto} fallback to CPU, with
 *                   its cause), or "" when it is: visible without an SLF4J binding
 */
public record Reasoning<O>(O answer, int steps, float confidence, Verdict verdict, List<StepRecord> trace,
                           Duration elapsed, List<RowResult> rows, SearchInfo search,
                           List<SearchRunTrace<O>> searchRuns, ExecutionProvider provider, String providerNote) {
    public Reasoning {
        providerNote = providerNote == null ? "" : providerNote;
        requireNonNull(answer, "answer is null");
        requireNonNull(verdict, "verdict is null");
        trace = List.copyOf(requireNonNull(trace, "trace is null"));
        requireNonNull(elapsed, "elapsed is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        requireNonNull(search, "search is null");
        searchRuns = List.copyOf(requireNonNull(searchRuns, "searchRuns is null"));
    }

    /** A result not (yet) tagged with its provider: {@link #ranOn} adds it. */
    public Reasoning(O answer, int steps, float confidence, Verdict verdict, List<StepRecord> trace, Duration elapsed,
                     List<RowResult> rows, SearchInfo search) {
        this(answer, steps, confidence, verdict, trace, elapsed, rows, search, List.of());
    }

    /** A search's result with its runs' traces, not yet tagged with its provider. */
    public Reasoning(O answer, int steps, float confidence, Verdict verdict, List<StepRecord> trace, Duration elapsed,
                     List<RowResult> rows, SearchInfo search, List<SearchRunTrace<O>> searchRuns) {
        this(answer, steps, confidence, verdict, trace, elapsed, rows, search, searchRuns, null, "");
    }

    /** A result of the plain loop (no search), not yet tagged with its provider. */
    public Reasoning(O answer, int steps, float confidence, Verdict verdict, List<StepRecord> trace, Duration elapsed,
                     List<RowResult> rows) {
        this(answer, steps, confidence, verdict, trace, elapsed, rows,
                SearchInfo.none(steps, verdict != null && verdict.status() == Verdict.Status.SOLVED));
    }

    /** This result, run on {@code provider} ({@code note}: see {@link #providerNote()}). */
    public Reasoning<O> ranOn(ExecutionProvider provider, String note) {
        return new Reasoning<>(answer, steps, confidence, verdict, trace, elapsed, rows, search, searchRuns,
                requireNonNull(provider, "provider is null"), requireNonNull(note, "note is null"));
    }

    public boolean solved() {
        return verdict.status() == Verdict.Status.SOLVED;
    }
}
