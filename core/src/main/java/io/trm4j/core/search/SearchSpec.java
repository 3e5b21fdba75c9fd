package io.trm4j.core.search;

import io.trm4j.core.TrmException;
import io.trm4j.core.loop.LoopSettings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Which verified search to run above the loop, and how much it may spend.
 *
 * @param strategy    {@code none} (the plain loop), {@code sample}, {@code fill}, {@code restarts},
 *                    {@code augment} or {@code consensus}
 * @param budget      loop runs in total, the first (plain) run included: budget 4 = up to 4 runs =
 *                    "4x the base compute". {@code sample} runs the loop once and draws up to
 *                    {@link #DRAWS_PER_RUN} candidates per unit of budget instead (a draw is a
 *                    decode + verify, not a loop run)
 * @param stepBudget  supervision steps in total over all runs, the first included (0: no cap but the
 *                    runs'). The run that would pass it is cut short, so the total never does: a cap
 *                    of 8 x the loop's max steps is the worst case of 8 full runs, spent on as many
 *                    runs as fit when runs halt early or are cut by {@code rerunSteps} (a cap under
 *                    the loop's max steps cuts the first run too)
 * @param rerunSteps  max supervision steps of each run after the first (0: the loop's own max). The
 *                    first run is always the plain one, so search never answers worse than {@code none}
 * @param seed        makes every strategy but {@code none} reproducible
 * @param temperature {@code sample}: softmax temperature over each cell's allowed tokens (&gt; 0)
 * @param topP        {@code sample}: nucleus, the smallest set of tokens with this much probability (0, 1]
 * @param noise       the re-runs of {@code restarts}, {@code augment}, {@code consensus} and {@code fill}: Gaussian noise on
 *                    y/z init, as a multiple of their RMS (&gt;= 0; 0: every run from the model's own init)
 */
public record SearchSpec(Strategy strategy, int budget, int stepBudget, int rerunSteps, long seed, double temperature,
                         double topP, double noise) {
    public static final int MAX_BUDGET = 1024;
    public static final int MAX_STEP_BUDGET = 1 << 20;
    public static final int DRAWS_PER_RUN = 32;
    public static final int DEFAULT_BUDGET = 4;
    public static final double DEFAULT_TEMPERATURE = 1.0;
    public static final double DEFAULT_TOP_P = 0.95;
    public static final double DEFAULT_NOISE = 0.5;
    private static final SearchSpec NONE =
            new SearchSpec(Strategy.NONE, 1, 0, 0, 0, DEFAULT_TEMPERATURE, DEFAULT_TOP_P, DEFAULT_NOISE);

    /** The strategies. */
    public enum Strategy {
        NONE, SAMPLE, FILL, RESTARTS, AUGMENT, CONSENSUS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code none|sample|fill|restarts|augment|consensus} (any case); an unknown name fails listing the rest. */
        public static Strategy parse(String text) {
            requireNonNull(text, "search strategy is null");
            for (Strategy s : values()) {
                if (s.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new TrmException("unknown search '" + text + "' (known: "
                    + Arrays.stream(values()).map(Strategy::label).collect(Collectors.joining(", ")) + ")");
        }
    }

    public SearchSpec {
        requireNonNull(strategy, "strategy is null");
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new TrmException("search budget must be in 1.." + MAX_BUDGET + " loop runs, got " + budget);
        }
        if (stepBudget < 0 || stepBudget > MAX_STEP_BUDGET) {
            throw new TrmException("search step budget must be in 1.." + MAX_STEP_BUDGET
                    + " supervision steps (0: none), got " + stepBudget);
        }
        if (rerunSteps < 0 || rerunSteps > LoopSettings.MAX_STEPS_LIMIT) {
            throw new TrmException("re-run steps must be in 1.." + LoopSettings.MAX_STEPS_LIMIT
                    + " (0: the loop's max steps), got " + rerunSteps);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new TrmException("temperature must be a number > 0, got " + temperature);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new TrmException("top_p must be in (0, 1], got " + topP);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new TrmException("restart noise must be a number >= 0, got " + noise);
        }
    }

    /** No search: the plain loop, exactly as without this layer. */
    public static SearchSpec none() {
        return NONE;
    }

    /** {@code strategy} with the default budget (4 loop runs), seed 0 and the default knobs. */
    public static SearchSpec of(Strategy strategy) {
        return new SearchSpec(strategy, strategy == Strategy.NONE ? 1 : DEFAULT_BUDGET, 0, 0, 0,
                DEFAULT_TEMPERATURE, DEFAULT_TOP_P, DEFAULT_NOISE);
    }

    public boolean isNone() {
        return strategy == Strategy.NONE;
    }

    public SearchSpec budget(int value) {
        return new SearchSpec(strategy, value, stepBudget, rerunSteps, seed, temperature, topP, noise);
    }

    /**
     * Both budgets as a request gives them, either absent ({@code null}): a step budget given without
     * a run budget is the only cap on runs ({@link #MAX_BUDGET}); a run budget alone keeps no step cap.
     */
    public SearchSpec budgets(Integer loopRuns, Integer steps) {
        SearchSpec spec = this;
        if (loopRuns != null) {
            spec = spec.budget(loopRuns);
        } else if (steps != null) {
            spec = spec.budget(MAX_BUDGET);
        }
        return steps == null ? spec : spec.stepBudget(steps);
    }

    /** The budget in words: {@code "8"} (loop runs), or {@code "1024 runs / 256 steps"} with a step cap. */
    public String budgetText() {
        return stepBudget == 0 ? String.valueOf(budget) : budget + " runs / " + stepBudget + " steps";
    }

    public SearchSpec stepBudget(int value) {
        return new SearchSpec(strategy, budget, value, rerunSteps, seed, temperature, topP, noise);
    }

    public SearchSpec rerunSteps(int value) {
        return new SearchSpec(strategy, budget, stepBudget, value, seed, temperature, topP, noise);
    }

    public SearchSpec seed(long value) {
        return new SearchSpec(strategy, budget, stepBudget, rerunSteps, value, temperature, topP, noise);
    }

    public SearchSpec temperature(double value) {
        return new SearchSpec(strategy, budget, stepBudget, rerunSteps, seed, value, topP, noise);
    }

    public SearchSpec topP(double value) {
        return new SearchSpec(strategy, budget, stepBudget, rerunSteps, seed, temperature, value, noise);
    }

    public SearchSpec noise(double value) {
        return new SearchSpec(strategy, budget, stepBudget, rerunSteps, seed, temperature, topP, value);
    }

    /** {@code sample}'s cap on candidates drawn. */
    public int maxDraws() {
        return DRAWS_PER_RUN * budget;
    }
}
