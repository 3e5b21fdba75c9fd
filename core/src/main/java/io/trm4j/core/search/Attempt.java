package io.trm4j.core.search;

import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One candidate answer: decoded and verified against the original input.
 *
 * @param answer the decoded answer
 * @param verdict the verifier's judgement of it (against the original input)
 * @param rows   the rows it was decoded from (forced tokens included)
 * @param raw    the loop's own rows of the run it came from (what the next search step reads)
 * @param run    the number of its kept {@link SearchRunTrace} (1-based), or 0 when none was kept for it
 *               (no trace asked for, or a {@code sample} draw)
 */
record Attempt<O>(O answer, Verdict verdict, List<RowResult> rows, List<RowResult> raw, int run) {
    Attempt {
        requireNonNull(answer, "answer is null");
        requireNonNull(verdict, "verdict is null");
        rows = List.copyOf(rows);
        raw = List.copyOf(raw);
    }

    /** This attempt, as the kept run {@code number}. */
    Attempt<O> asRun(int number) {
        return new Attempt<>(answer, verdict, rows, raw, number);
    }

    /** Mean {@code sigmoid(q_halt)} at the final step over its rows. */
    float confidence() {
        double sum = 0;
        for (RowResult r : rows) {
            sum += r.confidence();
        }
        return (float) (sum / rows.size());
    }

    boolean solved() {
        return verdict.status() == Verdict.Status.SOLVED;
    }

    /** Solved, or passed every check of a partial one: nothing a further run could improve. */
    boolean settled() {
        return solved() || verdict.status() == Verdict.Status.SUPPORTED && verdict.support().complete();
    }

    int steps() {
        int steps = 0;
        for (RowResult r : rows) {
            steps = Math.max(steps, r.steps());
        }
        return steps;
    }
}
