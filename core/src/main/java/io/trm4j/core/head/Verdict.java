package io.trm4j.core.head;

import static java.util.Objects.requireNonNull;

/**
 * Whether an answer was checked and found right. Between proof ({@code SOLVED}) and no check at
 * all ({@code UNVERIFIED}), a head may have a partial check ({@code SUPPORTED}: the answer's
 * source passed {@code reproduced} of {@code held} checks, e.g. sequence terms it was not shown),
 * and may decline to answer ({@code ABSTAINED}: nothing it could check backs any answer), which is
 * better than a wrong answer.
 *
 * @param support the partial check's result for {@code SUPPORTED} and {@code ABSTAINED}; null otherwise
 */
public record Verdict(Status status, String detail, Support support) {
    public enum Status { SOLVED, UNSOLVED, UNVERIFIED, SUPPORTED, ABSTAINED }

    /**
     * A partial check: {@code reproduced} of {@code held} checks passed by the answer's source,
     * {@code by} names that source (e.g. {@code model}, {@code baseline}, {@code model+baseline}).
     * {@code agreement}: two independent sources gave the same answer and the one that states a
     * rule fits every given input with some to spare, support of its own even when no held-out
     * check passed (e.g. a sequence too short for its prefixes to pin the rule down).
     */
    public record Support(int reproduced, int held, String by, boolean agreement) {
        public Support(int reproduced, int held, String by) {
            this(reproduced, held, by, false);
        }

        public Support {
            requireNonNull(by, "by is null");
            if (held < 0 || reproduced < 0 || reproduced > held) {
                throw new IllegalArgumentException("support must have 0 <= reproduced <= held, got " + reproduced
                        + " of " + held);
            }
        }

        /** Every check passed (and there was at least one). */
        public boolean complete() {
            return held > 0 && reproduced == held;
        }

        /** The same checks, backed also by agreement ({@code by} names the agreeing sources). */
        public Support withAgreement(String agreeingSources) {
            return new Support(reproduced, held, agreeingSources, true);
        }

        /** More checks passed first; among equal counts, agreement; then fewer checks made (fewer missed). */
        public int compareTo(Support o) {
            if (reproduced != o.reproduced) {
                return Integer.compare(reproduced, o.reproduced);
            }
            return agreement != o.agreement ? Boolean.compare(agreement, o.agreement) : Integer.compare(o.held, held);
        }
    }

    public Verdict {
        requireNonNull(status, "status is null");
        requireNonNull(detail, "detail is null");
        boolean graded = status == Status.SUPPORTED || status == Status.ABSTAINED;
        if (graded != (support != null)) {
            throw new IllegalArgumentException(status + " verdicts " + (graded ? "need" : "have no") + " support");
        }
    }

    public Verdict(Status status, String detail) {
        this(status, detail, null);
    }

    public static Verdict solved() {
        return new Verdict(Status.SOLVED, "");
    }

    public static Verdict unsolved(String reason) {
        return new Verdict(Status.UNSOLVED, reason);
    }

    public static Verdict unverified(String why) {
        return new Verdict(Status.UNVERIFIED, why);
    }

    /** An answer backed by a partial check, not proved. */
    public static Verdict supported(Support support, String detail) {
        return new Verdict(Status.SUPPORTED, detail, requireNonNull(support, "support is null"));
    }

    /** No answer given: {@code support} is the best any candidate reached, {@code why} says so in words. */
    public static Verdict abstained(Support support, String why) {
        return new Verdict(Status.ABSTAINED, why, requireNonNull(support, "support is null"));
    }

    /**
     * Orders verdicts of candidate answers for one input, best last: UNSOLVED, ABSTAINED, UNVERIFIED,
     * SUPPORTED by more checks, SOLVED.
     */
    public int compareTo(Verdict o) {
        int byStatus = Integer.compare(rank(status), rank(o.status));
        if (byStatus != 0 || support == null) {
            return byStatus;
        }
        return support.compareTo(o.support);
    }

    private static int rank(Status s) {
        return switch (s) {
            case UNSOLVED -> 0;
            case ABSTAINED -> 1;
            case UNVERIFIED -> 2;
            case SUPPORTED -> 3;
            case SOLVED -> 4;
        };
    }
}
