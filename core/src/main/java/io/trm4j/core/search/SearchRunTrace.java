package io.trm4j.core.search;

import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.StepRecord;

import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One run of a verified search, kept only when the loop traced ({@code ReasonOptions.trace}), so
 * that a search's runs can be compared side by side ({@link io.trm4j.core.Reasoning#searchRuns()}).
 *
 * @param run        1-based, in the order the runs were made
 * @param kind       what the run was: {@code first} (the plain first run), {@code restart} (the input
 *                   again, from the initial state perturbed by {@code noise}), {@code augment} (a
 *                   symmetric variant of the input, its answer mapped back), {@code fill} or
 *                   {@code consensus} (the input with cells committed as givens), or {@code draw}
 *                   ({@code sample}'s verified draw from the first run's final step: a decode, not a
 *                   loop run, so its steps are the first run's)
 * @param detail     the run in words, e.g. {@code "noise 0.5 x RMS on y/z init"}, {@code "3 cells committed"}
 * @param answer     its answer, decoded and verified against the original input
 * @param verdict    the verifier's judgement of that answer
 * @param steps      supervision steps it ran (the most over the input's rows)
 * @param confidence {@code sigmoid(q_halt)} at its final step (mean over the input's rows)
 * @param trace      per-step records of its first row, in the original input's positions and tokens
 * @param chosen     whether the search's answer is this run's (exactly one run is)
 */
public record SearchRunTrace<O>(int run, String kind, String detail, O answer, Verdict verdict, int steps,
                                float confidence, List<StepRecord> trace, boolean chosen) {
    public static final String FIRST = "first";
    public static final String RESTART = "restart";
    public static final String DRAW = "draw";

    public SearchRunTrace {
        requireNonNull(kind, "kind is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(answer, "answer is null");
        requireNonNull(verdict, "verdict is null");
        trace = List.copyOf(requireNonNull(trace, "trace is null"));
        if (run < 1) {
            throw new IllegalArgumentException("run must be >= 1, got " + run);
        }
    }

    /** This run, marked as the one the answer came from. */
    SearchRunTrace<O> asChosen() {
        return new SearchRunTrace<>(run, kind, detail, answer, verdict, steps, confidence, trace, true);
    }

    /** One line: {@code "run 2 restart (noise 0.5 x RMS on y/z init): SOLVED, 6 steps, chosen"}. */
    public String summary() {
        return String.format(Locale.ROOT, "run %d %s%s: %s, %d steps, confidence %.3f%s", run, kind,
                detail.isEmpty() ? "" : " (" + detail + ")", verdict.status(), steps, confidence,
                chosen ? ", chosen" : "");
    }
}
