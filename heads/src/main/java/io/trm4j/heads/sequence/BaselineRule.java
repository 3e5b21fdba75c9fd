package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.List;

/** One rule family of {@link SequenceBaseline}: fitted to the given terms, then continued. */
interface BaselineRule {
    /** How many numbers the rule is fixed by; the baseline tries rules with fewer first. */
    int params();

    String name();

    /** The next {@code k} terms, or null when the rule does not reproduce {@code a} exactly (with a term to spare). */
    List<BigInteger> continueIfFits(List<BigInteger> a, int k);
}
