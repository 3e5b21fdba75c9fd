package io.trm4j.core.loop;

import io.trm4j.core.TrmException;

import static java.util.Objects.requireNonNull;

/** Fully resolved settings for one loop run. */
public record LoopSettings(int maxSteps, HaltingPolicy halting, boolean trace, ProgressListener progress) {
    public static final int MAX_STEPS_LIMIT = 1024;

    public LoopSettings {
        if (maxSteps < 1 || maxSteps > MAX_STEPS_LIMIT) {
            throw new TrmException("max steps must be in 1.." + MAX_STEPS_LIMIT + ", got " + maxSteps);
        }
        requireNonNull(halting, "halting is null");
        progress = progress == null ? ProgressListener.NONE : progress;
    }
}
