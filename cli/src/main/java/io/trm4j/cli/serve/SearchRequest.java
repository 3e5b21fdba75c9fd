package io.trm4j.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import io.trm4j.core.search.SearchSpec;

/**
 * The search fields of a solve request: {@code search} (none, sample, fill, restarts, augment,
 * consensus), {@code budget}, {@code budget_steps}, {@code rerun_steps}, {@code seed},
 * {@code temperature}, {@code top_p}, {@code noise}; the same knobs and defaults as the CLI flags.
 * Bad values are 400s with {@link SearchSpec}'s message.
 */
final class SearchRequest {
    private static final String[] KNOBS =
            {"budget", "budget_steps", "rerun_steps", "seed", "temperature", "top_p", "noise"};

    private SearchRequest() {
    }

    static SearchSpec spec(JsonNode req) {
        SearchSpec.Strategy strategy = SearchSpec.Strategy.NONE;
        if (req.hasNonNull("search")) {
            if (!req.get("search").isTextual()) {
                throw new HttpError(400, "'search' must be one of none, sample, fill, restarts, augment, consensus");
            }
            strategy = SearchSpec.Strategy.parse(req.get("search").asText());
        }
        if (strategy == SearchSpec.Strategy.NONE) {
            for (String knob : KNOBS) {
                if (req.hasNonNull(knob)) {
                    throw new HttpError(400, "'" + knob + "' needs 'search': sample, fill, restarts, augment or consensus");
                }
            }
            return SearchSpec.none();
        }
        SearchSpec spec = SearchSpec.of(strategy);
        spec = spec.budgets(req.hasNonNull("budget") ? integer(req, "budget") : null,
                req.hasNonNull("budget_steps") ? integer(req, "budget_steps") : null);
        if (req.hasNonNull("rerun_steps")) {
            spec = spec.rerunSteps(integer(req, "rerun_steps"));
        }
        if (req.hasNonNull("seed")) {
            JsonNode n = req.get("seed");
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new HttpError(400, "'seed' must be an integer");
            }
            spec = spec.seed(n.longValue());
        }
        if (req.hasNonNull("temperature")) {
            spec = spec.temperature(number(req, "temperature"));
        }
        if (req.hasNonNull("top_p")) {
            spec = spec.topP(number(req, "top_p"));
        }
        if (req.hasNonNull("noise")) {
            spec = spec.noise(number(req, "noise"));
        }
        return spec;
    }

    private static int integer(JsonNode req, String name) {
        JsonNode n = req.get(name);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw new HttpError(400, "'" + name + "' must be an integer");
        }
        return n.intValue();
    }

    private static double number(JsonNode req, String name) {
        JsonNode n = req.get(name);
        if (!n.isNumber()) {
            throw new HttpError(400, "'" + name + "' must be a number");
        }
        return n.doubleValue();
    }
}
