package io.trm4j.cli;

import io.trm4j.core.Options;
import io.trm4j.core.Provider;
import io.trm4j.core.loop.HaltingPolicy;
import picocli.CommandLine.Option;

/** The options every command that runs a model shares (a picocli mixin). */
final class RunOptions {
    @Option(names = "--model", paramLabel = "NAME|DIR",
            description = "A bundled model (name or head) or a model directory. Default: the bundled model for the head.")
    String model;

    @Option(names = "--max-steps", paramLabel = "N", description = "Supervision steps (default: the model's).")
    Integer maxSteps;

    @Option(names = "--halting", paramLabel = "POLICY", description = "fixed, act or converged (default: the model's).")
    String halting;

    @Option(names = "--patience", paramLabel = "K", description = "Steps unchanged before 'converged' halts.")
    Integer patience;

    @Option(names = "--provider", paramLabel = "P", defaultValue = "cpu", description = "cpu, cuda or auto (default: cpu).")
    String provider;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads (default: all processors).")
    Integer threads;

    /** The model reference: --model, else the bundled model for the head. */
    String modelOr(String headName) {
        return model != null ? model : headName;
    }

    Options options(String headName, boolean trace) {
        Options o = Options.defaults().provider(Provider.parse(provider)).trace(trace);
        if (headName != null) {
            o = o.head(headName);
        }
        if (maxSteps != null) {
            o = o.maxSteps(maxSteps);
        }
        if (halting != null) {
            o = o.halting(HaltingPolicy.Kind.parse(halting));
        }
        if (patience != null) {
            o = o.patience(patience);
        }
        if (threads != null) {
            o = o.threads(threads);
        }
        return o;
    }
}
