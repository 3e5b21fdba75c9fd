package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Leave-one-out consistency, the check a sequence answer can have: hide each of the last given
 * terms in turn, predict it from the terms before it, and count the hidden terms reproduced. A
 * source (the model, the baseline) that reproduces the terms it was not shown is <em>supported</em>
 * in its answer for the next one; one that does not has nothing to back its answer.
 */
public final class LeaveOneOut {
    /** At most this many of the last terms are held out. */
    public static final int MAX_HELD = 3;

    private LeaveOneOut() {
    }

    /** How many terms of {@code given} can be held out: up to 3, each prefix keeping the 3 terms a sequence needs. */
    public static int heldOut(int given) {
        return Math.max(0, Math.min(MAX_HELD, given - SequenceInput.MIN_TERMS));
    }

    /** The terms before held-out term {@code j} (1 = the last given term, 2 = the one before, ...). */
    public static List<Long> prefix(List<Long> given, int j) {
        return given.subList(0, given.size() - j);
    }

    /** The held-out term {@code j} (1 = the last given term). */
    public static long hidden(List<Long> given, int j) {
        return given.get(given.size() - j);
    }

    /**
     * The support of {@code predictor} (the next term from a prefix, or empty when it has none),
     * named {@code by}, on {@code given}: how many of the {@link #heldOut held-out} terms it reproduces.
     */
    public static Verdict.Support support(List<Long> given, String by, Function<List<Long>, OptionalLong> predictor) {
        int held = heldOut(given.size());
        int reproduced = 0;
        for (int j = 1; j <= held; j++) {
            OptionalLong p = predictor.apply(prefix(given, j));
            reproduced += p.isPresent() && p.getAsLong() == hidden(given, j) ? 1 : 0;
        }
        return new Verdict.Support(reproduced, held, by);
    }

    /** Enough to answer: more than half of the held-out terms reproduced. */
    public static boolean supports(Verdict.Support support) {
        return 2 * support.reproduced() > support.held();
    }
}
