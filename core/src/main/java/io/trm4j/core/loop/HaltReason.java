package io.trm4j.core.loop;

/** Why a row stopped. */
public enum HaltReason {
    /** Ran the configured number of supervision steps. */
    MAX_STEPS,
    /** The learned halting head said stop ({@code q_halt > 0}). */
    ACT,
    /** The prediction stopped changing. */
    CONVERGED
}
