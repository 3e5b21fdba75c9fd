package io.trm4j.cli.serve;

import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;

import java.util.Locale;

/**
 * What one served model may take on: its own batcher's size and queue, its request timeout, and
 * caps on what a request may ask of it. Every model gets its own batcher and threads, so one
 * model's overload never queues another's requests. The {@code serve.*} settings give every
 * model's; a {@code models.NAME.serve.*} section gives one model its own ({@link #from}).
 *
 * @param maxBatch        most puzzles per cell call
 * @param maxWaitMs       how long a puzzle waits for batch-mates
 * @param queue           puzzles that may wait; a request that cannot fit now gets 429, one that can
 *                        never fit (a batch larger than this) gets 413
 * @param timeoutMs       per-request timeout, then 504
 * @param continuous      continuous batching rather than static
 * @param maxSteps        most supervision steps a request may ask for ({@code max_steps}); 0: the
 *                        runtime's own limit
 * @param maxSearchBudget most loop runs a search request may ask for ({@code budget}); 0: no cap
 *                        beyond the search's own
 */
public record ModelLimits(int maxBatch, int maxWaitMs, int queue, int timeoutMs, boolean continuous, int maxSteps,
                          int maxSearchBudget) {
    public ModelLimits {
        if (maxBatch < 1 || maxWaitMs < 0 || queue < 1 || timeoutMs < 1 || maxSteps < 0 || maxSearchBudget < 0) {
            throw new IllegalArgumentException("bad model limits: max_batch " + maxBatch + ", max_wait_ms "
                    + maxWaitMs + ", queue " + queue + ", timeout_ms " + timeoutMs + ", max_steps " + maxSteps
                    + ", max_search_budget " + maxSearchBudget);
        }
    }

    /** The limits {@code s} gives: the {@code serve.*} values, or a {@code models.NAME} section's over them. */
    public static ModelLimits from(Settings s) {
        return new ModelLimits(s.intValue(Setting.SERVE_MAX_BATCH), s.intValue(Setting.SERVE_MAX_WAIT_MS),
                s.intValue(Setting.SERVE_QUEUE), s.intValue(Setting.SERVE_TIMEOUT_MS),
                s.text(Setting.SERVE_BATCHING).equals("continuous"), s.intValue(Setting.SERVE_MAX_STEPS),
                s.intValue(Setting.SERVE_MAX_SEARCH_BUDGET));
    }

    /** e.g. {@code max_batch 64, max_wait_ms 2, queue 256, continuous batching, timeout_ms 30000, ...}. */
    public String describe() {
        return String.format(Locale.ROOT, "max_batch %d, max_wait_ms %d, queue %d, %s batching, timeout_ms %d, "
                        + "max_steps %s, max_search_budget %s", maxBatch, maxWaitMs, queue,
                continuous ? "continuous" : "static", timeoutMs, maxSteps == 0 ? "any" : maxSteps,
                maxSearchBudget == 0 ? "any" : maxSearchBudget);
    }

    /** Inputs the batcher lets run at once: a full batch running and one about to join it; 0 = static. */
    public int maxRowsInFlight() {
        return continuous ? 2 * maxBatch : 0;
    }
}
