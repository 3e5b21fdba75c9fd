package io.trm4j.core.loop;

/** Told after every supervision step; cheap by contract (called on the loop's thread). */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (step, maxSteps, liveRows) -> { };

    /**
     * @param step     the step just finished (1-based)
     * @param maxSteps the configured maximum
     * @param liveRows rows that ran this step (halted rows drop out)
     */
    void onStep(int step, int maxSteps, int liveRows);
}
