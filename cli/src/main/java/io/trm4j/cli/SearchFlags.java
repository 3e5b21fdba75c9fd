package io.trm4j.cli;

import io.trm4j.core.TrmException;
import io.trm4j.core.search.SearchSpec;
import picocli.CommandLine.Option;

/**
 * The verified-search flags of {@code trm solve} and {@code trm eval} (a picocli mixin). Values are
 * checked by {@link SearchSpec}: a bad one is one clear line and exit code 2.
 */
final class SearchFlags {
    @Option(names = "--search", paramLabel = "S",
            description = "Verified search: none (default), sample, fill, restarts or consensus.")
    String search;

    @Option(names = "--budget", paramLabel = "N",
            description = "Search budget in loop runs, the first included (default: 4; sample draws 32 answers "
                    + "per unit instead of running the loop again).")
    Integer budget;

    @Option(names = "--seed", paramLabel = "S",
            description = "Search seed (sample, fill, restarts, consensus; default: 0).")
    Long seed;

    @Option(names = "--temperature", paramLabel = "T", description = "sample: softmax temperature (default: 1).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "sample: nucleus probability (default: 0.95).")
    Double topP;

    @Option(names = "--noise", paramLabel = "X",
            description = "restarts, consensus, fill: noise on y/z init of re-runs, times their RMS (default: 0.5).")
    Double noise;

    /** The search the flags ask for; knobs without {@code --search} (or with none) are an error. */
    SearchSpec spec() {
        SearchSpec.Strategy strategy = search == null ? SearchSpec.Strategy.NONE : SearchSpec.Strategy.parse(search);
        boolean knobs = budget != null || seed != null || temperature != null || topP != null || noise != null;
        if (strategy == SearchSpec.Strategy.NONE) {
            if (knobs) {
                throw new TrmException("--budget, --seed, --temperature, --top-p and --noise need --search "
                        + "sample, fill, restarts or consensus");
            }
            return SearchSpec.none();
        }
        SearchSpec spec = SearchSpec.of(strategy);
        if (budget != null) {
            spec = spec.budget(budget);
        }
        if (seed != null) {
            spec = spec.seed(seed);
        }
        if (temperature != null) {
            spec = spec.temperature(temperature);
        }
        if (topP != null) {
            spec = spec.topP(topP);
        }
        if (noise != null) {
            spec = spec.noise(noise);
        }
        return spec;
    }
}
