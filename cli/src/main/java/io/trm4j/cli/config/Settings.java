package io.trm4j.cli.config;

import io.trm4j.core.Provider;
import io.trm4j.core.loop.HaltingPolicy;

import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Resolved settings: each value already checked, with where it came from (for messages and docs). */
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
        this.values = new EnumMap<>(requireNonNull(values, "values is null"));
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
}
