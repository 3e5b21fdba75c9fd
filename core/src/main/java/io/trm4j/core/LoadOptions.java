package io.trm4j.core;

import io.trm4j.core.config.Limit;
import io.trm4j.core.config.Setting;
import io.trm4j.core.runtime.SessionSettings;

import static java.util.Objects.requireNonNull;

/**
 * What is fixed when a model is loaded:
 * {@code Trm.load("sudoku", LoadOptions.builder().threads(2).build())}. Per-call choices are
 * {@link ReasonOptions}; {@link #reasonDefaults()} are those a call without options uses.
 *
 * @param provider       where to run
 * @param precision      which of the model's cells runs: its own (fp32) or a named variant
 * @param threads        intra-op threads, or null for the number of processors
 * @param allowSpinning  whether idle ONNX Runtime threads spin (lower latency, burns CPU between calls)
 * @param sharedRows     continuous batching: concurrent calls' rows share one cell call while the
 *                       batch holds fewer than this many rows (a larger call runs alone); 1 runs
 *                       calls one at a time
 * @param head           the head to use instead of the manifest's {@code head}, or null
 * @param reasonDefaults what a call without its own {@link ReasonOptions} runs with
 */
public record LoadOptions(ExecutionProvider provider, Precision precision, Integer threads, boolean allowSpinning, int sharedRows,
                          String head, ReasonOptions reasonDefaults) {
    /** Past this the bundled cells' CPU cost per row stops falling, and every joined row slows each step. */
    public static final int DEFAULT_SHARED_ROWS = 64;
    public static final Limit SHARED_ROWS = new Limit("shared rows", 1, 65_536);
    private static final LoadOptions DEFAULTS = builder().build();

    public LoadOptions {
        requireNonNull(provider, "provider is null");
        requireNonNull(precision, "precision is null");
        Setting.THREADS.limit().checkNullable(threads);
        SHARED_ROWS.check(sharedRows);
        if (head != null && head.isBlank()) {
            throw new TrmException("head name is blank");
        }
        reasonDefaults = reasonDefaults == null ? ReasonOptions.defaults() : reasonDefaults;
    }

    /** CPU, fp32, all processors, the manifest's head and loop settings. */
    public static LoadOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().provider(provider).precision(precision).threads(threads).allowSpinning(allowSpinning).sharedRows(sharedRows)
                .head(head).reasonDefaults(reasonDefaults);
    }

    public SessionSettings sessionSettings() {
        return new SessionSettings(provider,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), allowSpinning);
    }

    /** Setters take {@code null} for "the default" where a value may be unset. */
    public static final class Builder {
        private ExecutionProvider provider = ExecutionProvider.CPU;
        private Precision precision = Precision.FP32;
        private Integer threads;
        private boolean allowSpinning = true;
        private int sharedRows = DEFAULT_SHARED_ROWS;
        private String head;
        private ReasonOptions reasonDefaults = ReasonOptions.defaults();

        private Builder() {
        }

        public Builder provider(ExecutionProvider value) {
            provider = requireNonNull(value, "provider is null");
            return this;
        }

        public Builder precision(Precision value) {
            precision = requireNonNull(value, "precision is null");
            return this;
        }

        public Builder threads(Integer value) {
            threads = value;
            return this;
        }

        public Builder allowSpinning(boolean value) {
            allowSpinning = value;
            return this;
        }

        public Builder sharedRows(int value) {
            sharedRows = value;
            return this;
        }

        /** Uses this head instead of the manifest's {@code head} (null: the manifest's). */
        public Builder head(String value) {
            head = value;
            return this;
        }

        public Builder reasonDefaults(ReasonOptions value) {
            reasonDefaults = requireNonNull(value, "reasonDefaults is null");
            return this;
        }

        public LoadOptions build() {
            return new LoadOptions(provider, precision, threads, allowSpinning, sharedRows, head, reasonDefaults);
        }
    }
}
