package io.trm4j.cli.serve;

import io.trm4j.core.Reasoner;

import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A model a server is to serve, before it is loaded.
 *
 * @param name    the name it is served under ({@code /v1/solve/NAME})
 * @param head    the head its manifest names (also a route when no other model has it), or null
 *                where the manifest could not be read
 * @param source  where it comes from (a bundled name or a directory), for {@code /v1/models}
 * @param loader  loads it; a failure is reported for this model alone
 * @param problem why it cannot be served at all (e.g. an unreadable manifest), or null
 * @param limits  its own limits (a {@code models.NAME.serve.*} section), or null for the server's
 */
public record ModelEntry(String name, String head, String source, Supplier<Reasoner<Object, Object>> loader,
                         String problem, ModelLimits limits) {
    public ModelEntry {
        requireNonNull(name, "name is null");
        requireNonNull(source, "source is null");
        requireNonNull(loader, "loader is null");
    }

    /** A model with the server's limits. */
    public ModelEntry(String name, String head, String source, Supplier<Reasoner<Object, Object>> loader,
                      String problem) {
        this(name, head, source, loader, problem, null);
    }

    /** Its own limits, or else {@code server}'s. */
    ModelLimits limitsOr(ModelLimits server) {
        return limits != null ? limits : server;
    }
}
