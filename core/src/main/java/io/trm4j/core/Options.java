package io.trm4j.core;

import io.trm4j.core.loop.HaltingPolicy;
import io.trm4j.core.loop.LoopSettings;
import io.trm4j.core.loop.ProgressListener;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.runtime.SessionSettings;
import io.trm4j.core.search.SearchSpec;

import static java.util.Objects.requireNonNull;

/**
 * What to run and how. Unset ({@code null}) values come from the model's manifest
 * ({@code max_steps}, {@code halting}) or the runtime's defaults. Immutable: every setter returns
 * a copy, e.g. {@code Options.defaults().maxSteps(16).halting(HaltingPolicy.Kind.ACT).trace(true)}.
 * <p>
 * {@code provider}, {@code threads}, {@code allowSpinning}, {@code sharedRows} and {@code head} take effect when a model
 * is loaded; the others also per call. {@code search} picks a verified search above the loop
 * ({@code io.trm4j.core.search}); unset, it is none: the plain loop.
 */
public record Options(
        Integer maxSteps,
        HaltingPolicy.Kind halting,
        Integer patience,
        boolean trace,
        Provider provider,
        Integer threads,
        boolean allowSpinning,
        String head,
        ProgressListener progress,
        SearchSpec search,
        int sharedRows) {

    /** Past this the bundled cells' CPU cost per row stops falling, and every joined row slows each step. */
    public static final int DEFAULT_SHARED_ROWS = 64;
    public static final int MAX_SHARED_ROWS = 65_536;
    private static final Options DEFAULTS =
            new Options(null, null, null, false, Provider.CPU, null, true, null, ProgressListener.NONE, SearchSpec.none(),
                    DEFAULT_SHARED_ROWS);

    public Options {
        if (maxSteps != null && (maxSteps < 1 || maxSteps > LoopSettings.MAX_STEPS_LIMIT)) {
            throw new TrmException("max steps must be in 1.." + LoopSettings.MAX_STEPS_LIMIT + ", got " + maxSteps);
        }
        if (patience != null && (patience < 1 || patience > HaltingPolicy.MAX_PATIENCE)) {
            throw new TrmException("halting patience must be in 1.." + HaltingPolicy.MAX_PATIENCE + ", got "
                    + patience);
        }
        if (threads != null && (threads < 1 || threads > SessionSettings.MAX_THREADS)) {
            throw new TrmException("threads must be in 1.." + SessionSettings.MAX_THREADS + ", got " + threads);
        }
        if (head != null && head.isBlank()) {
            throw new TrmException("head name is blank");
        }
        if (sharedRows < 1 || sharedRows > MAX_SHARED_ROWS) {
            throw new TrmException("shared rows must be in 1.." + MAX_SHARED_ROWS + ", got " + sharedRows);
        }
        requireNonNull(provider, "provider is null");
        progress = progress == null ? ProgressListener.NONE : progress;
        search = search == null ? SearchSpec.none() : search;
    }

    public static Options defaults() {
        return DEFAULTS;
    }

    public Options maxSteps(int value) {
        return new Options(value, halting, patience, trace, provider, threads, allowSpinning, head, progress, search, sharedRows);
    }

    public Options halting(HaltingPolicy.Kind value) {
        requireNonNull(value, "halting is null");
        return new Options(maxSteps, value, patience, trace, provider, threads, allowSpinning, head, progress, search, sharedRows);
    }

    /** The policy and, for {@code converged}, its patience. */
    public Options halting(HaltingPolicy.Kind value, int patienceSteps) {
        return halting(value).patience(patienceSteps);
    }

    public Options patience(int value) {
        return new Options(maxSteps, halting, value, trace, provider, threads, allowSpinning, head, progress, search, sharedRows);
    }

    public Options trace(boolean value) {
        return new Options(maxSteps, halting, patience, value, provider, threads, allowSpinning, head, progress, search, sharedRows);
    }

    public Options provider(Provider value) {
        return new Options(maxSteps, halting, patience, trace, value, threads, allowSpinning, head, progress, search, sharedRows);
    }

    public Options threads(int value) {
        return new Options(maxSteps, halting, patience, trace, provider, value, allowSpinning, head, progress, search, sharedRows);
    }

    public Options allowSpinning(boolean value) {
        return new Options(maxSteps, halting, patience, trace, provider, threads, value, head, progress, search, sharedRows);
    }

    /** Uses this head instead of the manifest's {@code head}. */
    public Options head(String value) {
        return new Options(maxSteps, halting, patience, trace, provider, threads, allowSpinning, value, progress, search, sharedRows);
    }

    public Options progress(ProgressListener value) {
        return new Options(maxSteps, halting, patience, trace, provider, threads, allowSpinning, head, value, search, sharedRows);
    }

    /** Verified search above the loop ({@link SearchSpec#none()}, the default, is the plain loop). Per call. */
    public Options search(SearchSpec value) {
        requireNonNull(value, "search is null");
        return new Options(maxSteps, halting, patience, trace, provider, threads, allowSpinning, head, progress, value, sharedRows);
    }

    /**
     * Continuous batching: concurrent calls' rows share one cell call while the batch holds fewer
     * than this many rows (a larger call runs alone); 1 runs calls one at a time. At load time.
     */
    public Options sharedRows(int value) {
        return new Options(maxSteps, halting, patience, trace, provider, threads, allowSpinning, head, progress, search,
                value);
    }

    /** The loop settings for a model: unset values from its manifest. */
    public LoopSettings resolve(Manifest manifest) {
        HaltingPolicy defaults = manifest.halting().toPolicy();
        HaltingPolicy policy = new HaltingPolicy(
                halting != null ? halting : defaults.kind(),
                patience != null ? patience : defaults.patience());
        return new LoopSettings(maxSteps != null ? maxSteps : manifest.maxSteps(), policy, trace, progress);
    }

    public SessionSettings sessionSettings() {
        return new SessionSettings(provider,
                threads != null ? threads : Runtime.getRuntime().availableProcessors(), allowSpinning);
    }
}
