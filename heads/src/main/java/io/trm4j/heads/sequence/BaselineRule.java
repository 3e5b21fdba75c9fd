package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.List;

/**
 * One rule family of {@link SequenceBaseline}: fitted to the given terms, then continued. Every
 * rule is fixed by the first terms it reads and checked on the later ones, so it is monotone: if
 * it reproduces the first L terms it reproduces every shorter prefix it can be fitted to. One fit
 * of the whole sequence thus says what the rule does on each prefix ({@link Fit#length}), which is
 * what lets the leave-one-out check ({@link LeaveOneOut}) run without refitting per prefix.
 */
interface BaselineRule {
    /** How many numbers the rule is fixed by; the baseline tries rules with fewer first. */
    int params();

    String name();

    /** The fewest terms the rule is fitted to: enough to fix it and one more as a check. */
    int minLength();

    /** The rule fitted to {@code a}: how far it reproduces it, and the next {@code k} terms when it reproduces all. */
    Fit fit(List<BigInteger> a, int k);

    /**
     * @param length    the most leading terms of {@code a} the rule reproduces (at least {@link #minLength()}),
     *                  or 0 when it reproduces no prefix it can be fitted to: it fits exactly the prefixes of
     *                  {@code minLength()} to {@code length} terms
     * @param continues whether the rule fitted to the first {@code length} terms gives an integer next term
     *                  (in the range of a long): when {@code length < a.size()} that term is wrong, and a
     *                  baseline that tries the rule on that prefix takes it (it continues) or moves on to the next rule
     * @param next      the next {@code k} terms when the rule reproduces all of {@code a} and continues, else null
     */
    record Fit(int length, boolean continues, List<BigInteger> next) {
        static final Fit NONE = new Fit(0, false, null);

        public Fit {
            next = next == null ? null : List.copyOf(next);
        }

        /** Fitted to the first {@code length} of {@code size} terms; {@code next} continues all of them (null otherwise). */
        static Fit of(int length, int size, int minLength, boolean continues, List<BigInteger> next) {
            if (length < minLength) {
                return NONE;
            }
            return new Fit(length, continues, length == size && continues ? next : null);
        }

        /** Whether the rule can be fitted to the first {@code prefix} terms and reproduces them. */
        boolean fitsPrefix(int prefix, int minLength) {
            return prefix >= minLength && prefix <= length;
        }
    }

    /** Whether {@code v} is in the range of a long (the answers the head reports are). */
    static boolean fitsLong(BigInteger v) {
        return v.bitLength() < 63;
    }
}
