package io.trm4j.core.config;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.Provider;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.loop.HaltingPolicy;

import java.util.EnumMap;
import java.util.Map;

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

    Settings(Map<Setting, Value> values) {
        this.values = new EnumMap<>(Setting.class);
        this.values.putAll(requireNonNull(values, "values is null"));
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
        return new Settings(out);
    }

    /** What is fixed at load time, with {@link #reasonOptions()} as the calls' defaults. */
    public LoadOptions loadOptions() {
        return LoadOptions.builder().provider(provider()).threads(integer(Setting.THREADS)).head(text(Setting.HEAD))
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

    public Provider provider() {
        Value v = values.get(Setting.PROVIDER);
        return v == null ? Provider.CPU : (Provider) v.value();
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
        return b.append('}').toString();
    }
}
