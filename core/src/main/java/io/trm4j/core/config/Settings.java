package io.trm4j.core.config;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ExecutionProvider;
import io.trm4j.core.Precision;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.loop.HaltingPolicy;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Resolved settings: each value already checked, with where it came from (for messages and docs).
 * {@link #loadOptions()} and {@link #reasonOptions(ReasonOptions)} are the one mapping from
 * settings to the runtime's options that every front end uses.
 */
public final class Settings {
    /** A value and its source, e.g. {@code "trm.properties line 3"} or {@code "TRM_THREADS"}. */
    public record Value(Object value, String source) {
        public Value {
            requireNonNull(value, "value is null");
            requireNonNull(source, "source is null");
        }
    }

    private final Map<Setting, Value> values;
    /** The {@code models.<name>.*} sections, in the order first given: each section's own values. */
    private final Map<String, Map<Setting, Value>> models;

    Settings(Map<Setting, Value> values) {
        this(values, Map.of());
    }

    Settings(Map<Setting, Value> values, Map<String, Map<Setting, Value>> models) {
        this.values = new EnumMap<>(Setting.class);
        this.values.putAll(requireNonNull(values, "values is null"));
        this.models = new LinkedHashMap<>();
        requireNonNull(models, "models is null").forEach((name, own) -> this.models.put(name, Map.copyOf(own)));
    }

    /** The names of the {@code models.<name>.*} sections (empty for a one-model configuration). */
    public Set<String> modelNames() {
        return java.util.Collections.unmodifiableSet(models.keySet());
    }

    /**
     * The settings of section {@code name}: its own values over the top level's {@link Setting#INHERITED}
     * ones; with no {@code path}, the model is the bundled model called {@code name}.
     */
    public Settings model(String name) {
        requireNonNull(name, "name is null");
        Map<Setting, Value> own = models.get(name);
        if (own == null) {
            throw new io.trm4j.core.TrmException("no model '" + name + "' configured" + Suggestions.closest(
                    name, models.keySet()).map(c -> "; did you mean '" + c + "'?")
                    .orElse("; configured: " + (models.isEmpty() ? "none" : String.join(", ", models.keySet()))));
        }
        Map<Setting, Value> out = new EnumMap<>(Setting.class);
        values.forEach((s, v) -> {
            if (!Setting.PER_MODEL.contains(s) || Setting.INHERITED.contains(s)) {
                out.put(s, v);
            }
        });
        out.put(Setting.MODEL, new Value(name, "models." + name + " (the bundled model of that name)"));
        out.putAll(own);
        return new Settings(out);
    }

    /** Only {@code values} (nulls skipped), each checked by its setting: e.g. a request's own fields. */
    public static Settings of(Map<Setting, ?> values, String source) {
        return new Settings(Map.of()).with(values, source);
    }

    /**
     * These settings with {@code overrides} above them (null values are skipped): a request's or a
     * job's own fields. Each value is checked by its setting: text is parsed, an {@code Integer}
     * range-checked; a bad one fails with a {@link io.trm4j.core.TrmException} saying why.
     */
    public Settings with(Map<Setting, ?> overrides, String source) {
        requireNonNull(overrides, "overrides is null");
        requireNonNull(source, "source is null");
        Map<Setting, Value> out = new EnumMap<>(Setting.class);
        out.putAll(values);
        overrides.forEach((s, v) -> {
            if (v != null) {
                out.put(s, new Value(s.check(v), source));
            }
        });
        return new Settings(out, models);
    }

    /** What is fixed at load time, with {@link #reasonOptions()} as the calls' defaults. */
    public LoadOptions loadOptions() {
        return LoadOptions.builder().provider(provider()).precision(precision()).threads(integer(Setting.THREADS))
                .head(text(Setting.HEAD))
                .reasonDefaults(reasonOptions()).build();
    }

    /** The per-call settings over the defaults (unset: the model's own). */
    public ReasonOptions reasonOptions() {
        return reasonOptions(ReasonOptions.defaults());
    }

    /** The per-call settings given here over {@code base} (what they leave unset stays as in base). */
    public ReasonOptions reasonOptions(ReasonOptions base) {
        requireNonNull(base, "base is null");
        ReasonOptions.Builder b = base.toBuilder();
        if (integer(Setting.MAX_STEPS) != null) {
            b.maxSteps(integer(Setting.MAX_STEPS));
        }
        if (halting() != null) {
            b.halting(halting());
        }
        if (integer(Setting.PATIENCE) != null) {
            b.patience(integer(Setting.PATIENCE));
        }
        return b.build();
    }

    /** The value's source, or null when unset. */
    public String source(Setting s) {
        Value v = values.get(s);
        return v == null ? null : v.source();
    }

    public String text(Setting s) {
        Value v = values.get(s);
        return v == null ? null : (String) v.value();
    }

    public Integer integer(Setting s) {
        Value v = values.get(s);
        return v == null ? null : (Integer) v.value();
    }

    /** Like {@link #integer} for settings that always have a default. */
    public int intValue(Setting s) {
        Integer v = integer(s);
        if (v == null) {
            throw new IllegalStateException(s.key() + " has no value");
        }
        return v;
    }

    public ExecutionProvider provider() {
        Value v = values.get(Setting.PROVIDER);
        return v == null ? ExecutionProvider.CPU : (ExecutionProvider) v.value();
    }

    public Precision precision() {
        Value v = values.get(Setting.PRECISION);
        return v == null ? Precision.FP32 : (Precision) v.value();
    }

    public HaltingPolicy.Kind halting() {
        Value v = values.get(Setting.HALTING);
        return v == null ? null : (HaltingPolicy.Kind) v.value();
    }

    /** {@code {max_steps=8 (TRM_MAX_STEPS), ...}}: each value with its source. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        values.forEach((s, v) -> b.append(b.length() > 1 ? ", " : "").append(s.key()).append('=').append(v.value())
                .append(" (").append(v.source()).append(')'));
        models.forEach((name, own) -> own.forEach((s, v) -> b.append(b.length() > 1 ? ", " : "").append("models.")
                .append(name).append('.').append(s.modelKey()).append('=').append(v.value()).append(" (")
                .append(v.source()).append(')')));
        return b.append('}').toString();
    }
}
