package io.trm4j.core;

import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import io.trm4j.core.config.SettingsResolver;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Configuration for a model, from system properties ({@code -Dtrm.max_steps=8}) > environment
 * ({@code TRM_MAX_STEPS=8}) > a properties file ({@code max_steps=8}) > defaults; a front end's own
 * flags or request fields go above all of them ({@link Builder#flags}, {@link #with}). The keys are
 * those of the {@link Setting} table; an unknown one fails with a "did you mean" naming where it was.
 * <pre>{@code
 * try (Reasoner<SudokuPuzzle, SudokuGrid> r = Trm.load(TrmConfig.from(Path.of("trm.properties")))) { ... }
 * }</pre>
 * One model: flat keys ({@code model}, {@code max_steps}). Several: a section per model,
 * {@code models.sudoku.path=...}, {@code models.maze.provider=cuda}, each with its own path, head,
 * provider, threads, halting and steps ({@link #models()}; unset ones are the top level's).
 */
public final class TrmConfig {
    private final Settings settings;

    private TrmConfig(Settings settings) {
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** System properties, then the environment, then defaults. */
    public static TrmConfig load() {
        return builder().build();
    }

    /** System properties, then the environment, then {@code file}, then defaults. */
    public static TrmConfig from(Path file) {
        return builder().file(requireNonNull(file, "file is null")).build();
    }

    /** Defaults and {@code model} only: no system properties, no environment (for code and tests). */
    public static TrmConfig of(String model) {
        requireNonNull(model, "model is null");
        return builder().environment(Map.of()).systemProperties(Map.of()).build()
                .with(Map.of(Setting.MODEL, model), "code");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** This configuration with {@code value} above every source (checked as the setting's text would be). */
    public TrmConfig with(Setting setting, Object value) {
        return with(Map.of(requireNonNull(setting, "setting is null"), requireNonNull(value, "value is null")),
                "code");
    }

    /** This configuration with {@code overrides} (nulls skipped) above every source, named {@code source} in errors. */
    public TrmConfig with(Map<Setting, ?> overrides, String source) {
        return new TrmConfig(settings.with(overrides, source));
    }

    /** The resolved values, each with its source. */
    public Settings settings() {
        return settings;
    }

    /** The configured model (a bundled model's name or head, or a directory), or null. */
    public String model() {
        return settings.text(Setting.MODEL);
    }

    /**
     * The {@code models.<name>.*} sections by name, in the order given, each a one-model
     * configuration; empty when the configuration has flat keys only.
     */
    public Map<String, TrmConfig> models() {
        Map<String, TrmConfig> out = new LinkedHashMap<>();
        settings.modelNames().forEach(name -> out.put(name, model(name)));
        return Collections.unmodifiableMap(out);
    }

    /** Section {@code name} as a one-model configuration; an unknown name fails listing the known ones. */
    public TrmConfig model(String name) {
        return new TrmConfig(settings.model(name));
    }

    /** The configured model, else {@code head} (its bundled model); null when neither is given. */
    public String modelOr(String head) {
        String m = model();
        return m != null ? m : head != null ? head : settings.text(Setting.HEAD);
    }

    /** The model to load: the configured one, else the configured head's bundled model. */
    public String requireModel() {
        String m = modelOr(null);
        if (m == null && !settings.modelNames().isEmpty()) {
            throw new TrmException("this configuration has several models (" + String.join(", ", settings.modelNames())
                    + "): load one with config.model(name)");
        }
        if (m == null) {
            throw new TrmException("no model configured: set " + Setting.MODEL.key() + " (or "
                    + Setting.HEAD.key() + ") in the config file, " + Setting.MODEL.envName() + " or -D"
                    + Setting.MODEL.propertyName());
        }
        return m;
    }

    /** What is fixed when the model is loaded, with {@link #reasonOptions()} as its calls' defaults. */
    public LoadOptions loadOptions() {
        return settings.loadOptions();
    }

    /** What each call runs with unless it says otherwise. */
    public ReasonOptions reasonOptions() {
        return settings.reasonOptions();
    }

    @Override
    public String toString() {
        return "TrmConfig" + settings;
    }

    /** Which sources to read; each defaults to this JVM's own. */
    public static final class Builder {
        private Map<String, String> env;
        private Map<String, String> properties;
        private Path file;
        private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

        private Builder() {
        }

        /** The environment to read {@code TRM_*} from (default: {@link System#getenv()}). */
        public Builder environment(Map<String, String> value) {
            env = requireNonNull(value, "environment is null");
            return this;
        }

        /** The properties to read {@code trm.*} from (default: {@link System#getProperties()}). */
        public Builder systemProperties(Map<String, String> value) {
            properties = requireNonNull(value, "systemProperties is null");
            return this;
        }

        /** A properties file ({@code key=value} lines), or null for none. */
        public Builder file(Path value) {
            file = value;
            return this;
        }

        /** Command-line flags (raw text, by setting): above every other source; errors name the flag. */
        public Builder flags(Map<Setting, String> value) {
            requireNonNull(value, "flags is null").forEach((s, raw) -> {
                if (raw != null) {
                    flags.put(s, raw);
                }
            });
            return this;
        }

        public TrmConfig build() {
            Map<String, String> e = env != null ? env : System.getenv();
            Map<String, String> p = properties != null ? properties : systemProperties();
            return new TrmConfig(new SettingsResolver(e, p).resolve(flags, file));
        }

        private static Map<String, String> systemProperties() {
            Map<String, String> out = new HashMap<>();
            System.getProperties().forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        }
    }
}
