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
            description = "Verified search: none (default), sample, fill, restarts, augment (re-runs on symmetric variants "
                    + "of the puzzle) or consensus.")
    String search;

    @Option(names = "--budget", paramLabel = "N",
            description = "Search budget in loop runs, the first included (default: 4; sample draws 32 answers "
                    + "per unit instead of running the loop again).")
    Integer budget;

    @Option(names = "--budget-steps", paramLabel = "N",
            description = "Also cap the supervision steps of all runs together (the run that would pass it is "
                    + "cut short); without --budget, runs are then limited by this cap alone.")
    Integer budgetSteps;

    @Option(names = "--rerun-steps", paramLabel = "K",
            description = "Max supervision steps of each run after the first (default: the model's max steps).")
    Integer rerunSteps;

    @Option(names = "--seed", paramLabel = "S",
            description = "Search seed (every strategy but none; default: 0).")
    Long seed;

    @Option(names = "--temperature", paramLabel = "T", description = "sample: softmax temperature (default: 1).")
    Double temperature;

    @Option(names = "--top-p", paramLabel = "P", description = "sample: nucleus probability (default: 0.95).")
    Double topP;

    @Option(names = "--noise", paramLabel = "X",
            description = "restarts, augment, consensus, fill: noise on y/z init of re-runs, times their RMS (default: 0.5).")
    Double noise;

    /** The search the flags ask for; knobs without {@code --search} (or with none) are an error. */
    SearchSpec spec() {
        SearchSpec.Strategy strategy = search == null ? SearchSpec.Strategy.NONE : SearchSpec.Strategy.parse(search);
        boolean knobs = budget != null || budgetSteps != null || rerunSteps != null || seed != null
                || temperature != null || topP != null || noise != null;
        if (strategy == SearchSpec.Strategy.NONE) {
            if (knobs) {
                throw new TrmException("--budget, --budget-steps, --rerun-steps, --seed, --temperature, --top-p and "
                        + "--noise need --search sample, fill, restarts, augment or consensus");
            }
            return SearchSpec.none();
        }
        SearchSpec spec = SearchSpec.of(strategy);
        spec = spec.budgets(budget, budgetSteps);
        if (rerunSteps != null) {
            spec = spec.rerunSteps(rerunSteps);
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
