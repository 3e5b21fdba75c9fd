package io.trm4j.core.loop;

import io.trm4j.core.TrmException;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * When a row stops before {@code maxSteps}. Rows always stop at {@code maxSteps}
 * ({@link HaltReason#MAX_STEPS}).
 *
 * @param kind     the rule
 * @param patience for {@link Kind#CONVERGED}: how many consecutive unchanged predictions halt a row
 */
public record HaltingPolicy(Kind kind, int patience) {
    public enum Kind {
        /** Always run {@code maxSteps}: the official evaluation protocol. */
        FIXED,
        /** Halt a row when its learned halting logit {@code q_halt > 0} (ACT, as trained). */
        ACT,
        /** Halt a row when its argmax prediction is unchanged for {@code patience} consecutive steps. */
        CONVERGED;

        public static Kind parse(String text) {
            try {
                return valueOf(requireNonNull(text, "halting policy is null").trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TrmException("unknown halting policy '" + text + "'; expected fixed, act or converged");
            }
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final int MAX_PATIENCE = 1024;

    public HaltingPolicy {
        requireNonNull(kind, "kind is null");
        if (patience < 1 || patience > MAX_PATIENCE) {
            throw new TrmException("halting patience must be in 1.." + MAX_PATIENCE + ", got " + patience);
        }
    }

    public static HaltingPolicy fixed() {
        return new HaltingPolicy(Kind.FIXED, 2);
    }

    /**
     * Decides whether a row halts after a step (before the {@code maxSteps} cut-off).
     *
     * @param qHalt          the row's halting logit this step
     * @param unchangedSteps how many consecutive steps the argmax has not changed (0 when it just changed)
     * @return the reason, or {@code null} to keep going
     */
    public HaltReason decide(float qHalt, int unchangedSteps) {
        return switch (kind) {
            case FIXED -> null;
            case ACT -> qHalt > 0f ? HaltReason.ACT : null;
            case CONVERGED -> unchangedSteps >= patience ? HaltReason.CONVERGED : null;
        };
    }
}
