package io.trm4j.core.loop;

import static java.util.Objects.requireNonNull;

/**
 * Fully resolved settings for one loop run. User-given values are range-checked where they enter
 * ({@code io.trm4j.core.config.Setting}, the options builders); here only the loop's own invariant.
 */
public record LoopSettings(int maxSteps, HaltingPolicy halting, boolean trace, ProgressListener progress) {
    /** The most supervision steps a caller may ask for (the {@code max_steps} setting's range). */
    public static final int MAX_STEPS_LIMIT = 1024;

    public LoopSettings {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("max steps must be >= 1, got " + maxSteps);
        }
        requireNonNull(halting, "halting is null");
        progress = progress == null ? ProgressListener.NONE : progress;
    }
}
