package io.trm4j.core;

import io.trm4j.core.config.Setting;
import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.ProgressListener;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.search.SearchSpec;

import static java.util.Objects.requireNonNull;

/**
 * What one call may change: {@code r.reason(puzzle, ReasonOptions.builder().maxSteps(16).build())}.
 * Unset ({@code null}) values come from the model's manifest ({@code max_steps}, {@code halting}).
 * A call without options uses the reasoner's {@link LoadOptions#reasonDefaults()}.
 *
 * @param search verified search above the loop ({@code io.trm4j.core.search}); none: the plain loop
 */
public record ReasonOptions(Integer maxSteps, HaltingPolicy.Kind halting, Integer patience, boolean trace,
                            ProgressListener progress, SearchSpec search) {
    private static final ReasonOptions DEFAULTS = builder().build();

    public ReasonOptions {
        Setting.MAX_STEPS.limit().checkNullable(maxSteps);
        Setting.PATIENCE.limit().checkNullable(patience);
        progress = progress == null ? ProgressListener.NONE : progress;
        search = search == null ? SearchSpec.none() : search;
    }

    /** Everything from the manifest, no trace, no search. */
    public static ReasonOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these values. */
    public Builder toBuilder() {
        return new Builder().maxSteps(maxSteps).halting(halting).patience(patience).trace(trace).progress(progress)
                .search(search);
    }

    /** The loop settings for a model: unset values from its manifest. */
    public LoopSettings resolve(Manifest manifest) {
        HaltingPolicy defaults = manifest.halting().toPolicy();
        HaltingPolicy policy = new HaltingPolicy(
                halting != null ? halting : defaults.kind(),
                patience != null ? patience : defaults.patience());
        return new LoopSettings(maxSteps != null ? maxSteps : manifest.maxSteps(), policy, trace, progress);
    }

    /** Setters take {@code null} for "the model's own" where a value may be unset. */
    public static final class Builder {
        private Integer maxSteps;
        private HaltingPolicy.Kind halting;
        private Integer patience;
        private boolean trace;
        private ProgressListener progress = ProgressListener.NONE;
        private SearchSpec search = SearchSpec.none();

        private Builder() {
        }

        public Builder maxSteps(Integer value) {
            maxSteps = value;
            return this;
        }

        public Builder halting(HaltingPolicy.Kind value) {
            halting = value;
            return this;
        }

        /** The policy and, for {@code converged}, its patience. */
        public Builder halting(HaltingPolicy.Kind value, int patienceSteps) {
            return halting(value).patience(patienceSteps);
        }

        public Builder patience(Integer value) {
            patience = value;
            return this;
        }

        /** Record every step's prediction and confidence in the result. */
        public Builder trace(boolean value) {
            trace = value;
            return this;
        }

        public Builder progress(ProgressListener value) {
            progress = requireNonNull(value, "progress is null");
            return this;
        }

        /** Verified search above the loop ({@link SearchSpec#none()}, the default, is the plain loop). */
        public Builder search(SearchSpec value) {
            search = requireNonNull(value, "search is null");
            return this;
        }

        public ReasonOptions build() {
            return new ReasonOptions(maxSteps, halting, patience, trace, progress, search);
        }
    }
}
