package io.trm4j.core;

import io.trm4j.core.loop.HaltingPolicy;

import static java.util.Objects.requireNonNull;

/**
 * Service configuration for {@link TrmModule}.
 *
 * @param model    a bundled model name/head or a model directory
 * @param head     head override, or null for the manifest's
 * @param provider where to run
 * @param threads  intra-op threads, or null for the number of processors
 * @param maxSteps supervision steps, or null for the manifest's
 * @param halting  halting policy, or null for the manifest's
 */
public record TrmConfig(String model, String head, Provider provider, Integer threads, Integer maxSteps,
                        HaltingPolicy.Kind halting) {
    public TrmConfig {
        requireNonNull(model, "model is null");
        if (model.isBlank()) {
            throw new TrmException("config: model is blank");
        }
        provider = provider == null ? Provider.CPU : provider;
        toOptions(head, provider, threads, maxSteps, halting); // validates the same way Options does
    }

    public static TrmConfig of(String model) {
        return new TrmConfig(model, null, Provider.CPU, null, null, null);
    }

    public TrmConfig withHead(String value) {
        return new TrmConfig(model, value, provider, threads, maxSteps, halting);
    }

    public TrmConfig withProvider(Provider value) {
        return new TrmConfig(model, head, value, threads, maxSteps, halting);
    }

    public TrmConfig withThreads(int value) {
        return new TrmConfig(model, head, provider, value, maxSteps, halting);
    }

    public TrmConfig withMaxSteps(int value) {
        return new TrmConfig(model, head, provider, threads, value, halting);
    }

    public TrmConfig withHalting(HaltingPolicy.Kind value) {
        return new TrmConfig(model, head, provider, threads, maxSteps, value);
    }

    public Options toOptions() {
        return toOptions(head, provider, threads, maxSteps, halting);
    }

    private static Options toOptions(String head, Provider provider, Integer threads, Integer maxSteps,
                                     HaltingPolicy.Kind halting) {
        Options o = Options.defaults().provider(provider);
        if (head != null) {
            o = o.head(head);
        }
        if (threads != null) {
            o = o.threads(threads);
        }
        if (maxSteps != null) {
            o = o.maxSteps(maxSteps);
        }
        if (halting != null) {
            o = o.halting(halting);
        }
        return o;
    }
}
