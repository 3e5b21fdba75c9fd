package io.trm4j.core.config;

import io.trm4j.core.TrmException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Merges flags, {@code trm.*} system properties, {@code TRM_*} environment variables, a properties
 * file and the defaults, in that order of precedence. Every source is checked in full even where a higher one wins, so a typo in
 * a deployment's config file fails the first run, not the day the flag is dropped.
 * <p>
 * The file is Java-properties-like: {@code key=value} (or {@code key: value}) per line, {@code #}
 * and {@code !} comments, no line continuations; a key given twice is an error.
 * <p>
 * Several models: {@code models.<name>.<key>} (file) or {@code -Dtrm.models.<name>.<key>}, where
 * key is one of {@link Setting#PER_MODEL} ({@code path} for the model directory or bundled name;
 * without it the bundled model called {@code name}; {@code trm serve} also reads a section's
 * {@code serve.*} limits, e.g. {@code models.maze.serve.queue}). A section's unset provider,
 * threads, loop settings and serving limits are the top level's.
 */
public final class SettingsResolver {
    /** {@code TRM_*} variables that belong to the launcher, not to the settings. */
    public static final Set<String> LAUNCHER_ENV = Set.of("TRM_JAVA_OPTS");

    /** System properties with this prefix are settings, e.g. {@code -Dtrm.max_steps=8}. */
    public static final String PROPERTY_PREFIX = "trm.";

    private final Map<String, String> env;
    private final Map<String, String> properties;

    /** Environment variables only (no system properties). */
    public SettingsResolver(Map<String, String> env) {
        this(env, Map.of());
    }

    /**
     * @param env        the environment ({@code TRM_*} names are read, others ignored)
     * @param properties system properties ({@code trm.*} names are read, others ignored)
     */
    public SettingsResolver(Map<String, String> env, Map<String, String> properties) {
        this.env = Map.copyOf(requireNonNull(env, "env is null"));
        this.properties = Map.copyOf(requireNonNull(properties, "properties is null"));
    }

    /**
     * @param flags      the flags given on the command line (raw text), by setting
     * @param configFile the {@code --config} file, or null for none
     */
    public Settings resolve(Map<Setting, String> flags, Path configFile) {
        requireNonNull(flags, "flags is null");
        Map<String, Map<Setting, Settings.Value>> models = new LinkedHashMap<>();
        Map<Setting, Settings.Value> out = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            if (s.defaultValue() != null) {
                out.put(s, new Settings.Value(s.parse(s.defaultValue()), "default"));
            }
        }
        if (configFile != null) {
            out.putAll(readFile(configFile, models));
        }
        out.putAll(readEnv());
        out.putAll(readProperties(models));
        flags.forEach((s, raw) -> out.put(s, parse(s, raw, s.flag())));
        return new Settings(out, models);
    }

    private Map<Setting, Settings.Value> readEnv() {
        Map<String, Setting> byEnv = Arrays.stream(Setting.values())
                .collect(Collectors.toMap(Setting::envName, s -> s));
        Map<Setting, Settings.Value> out = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith("TRM_") || LAUNCHER_ENV.contains(name)) {
                continue;
            }
            Setting s = byEnv.get(name);
            if (s == null) {
                throw new TrmException("unknown environment variable " + name + suggest(name, byEnv.keySet()));
            }
            out.put(s, parse(s, e.getValue(), "environment variable " + name));
        }
        return out;
    }

    private Map<Setting, Settings.Value> readProperties(Map<String, Map<Setting, Settings.Value>> models) {
        Map<String, Setting> byName = Arrays.stream(Setting.values())
                .collect(Collectors.toMap(Setting::propertyName, s -> s));
        Map<Setting, Settings.Value> out = new EnumMap<>(Setting.class);
        for (Map.Entry<String, String> e : new TreeMap<>(properties).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(PROPERTY_PREFIX)) {
                continue;
            }
            if (name.startsWith(PROPERTY_PREFIX + ModelSections.PREFIX)) {
                ModelSections.put(models, name.substring(PROPERTY_PREFIX.length()), e.getValue(),
                        "system property " + name, true);
                continue;
            }
            Setting s = byName.get(name);
            if (s == null) {
                // A JVM carries properties of other tools (test harnesses use trm.soak.*, trm.load.*):
                // only a near miss of a setting's name is taken for a typo.
                String near = Suggestions.closest(name, byName.keySet()).orElse(null);
                if (near != null && Suggestions.levenshtein(name, near) <= 2) {
                    throw new TrmException("unknown system property " + name + "; did you mean '" + near + "'?");
                }
                continue;
            }
            out.put(s, parse(s, e.getValue(), "system property " + name));
        }
        return out;
    }

    private static Map<Setting, Settings.Value> readFile(Path file, Map<String, Map<Setting, Settings.Value>> models) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TrmException("config file " + file + " does not exist");
        } catch (IOException e) {
            throw new TrmException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Setting> byKey = Arrays.stream(Setting.values()).collect(Collectors.toMap(Setting::key, s -> s));
        Map<Setting, Settings.Value> out = new EnumMap<>(Setting.class);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = file + " line " + (i + 1);
            int sep = firstSeparator(line);
            if (sep < 0) {
                throw new TrmException("expected key=value in " + where + ", got '" + line + "'");
            }
            String key = line.substring(0, sep).strip();
            if (key.startsWith(ModelSections.PREFIX)) {
                ModelSections.put(models, key, line.substring(sep + 1), where, false);
                continue;
            }
            Setting s = byKey.get(key);
            if (s == null) {
                throw new TrmException("unknown key '" + key + "' in " + where + suggest(key, byKey.keySet()));
            }
            if (out.containsKey(s)) {
                throw new TrmException("key '" + key + "' given twice in " + file + " (" + out.get(s).source()
                        + " and line " + (i + 1) + ")");
            }
            out.put(s, parse(s, line.substring(sep + 1), where));
        }
        if (!models.isEmpty()) {
            for (Setting s : List.of(Setting.MODEL, Setting.HEAD)) {
                if (out.containsKey(s)) {
                    throw new TrmException("'" + s.key() + "' in " + out.get(s).source() + " beside models.* sections: "
                            + "give each model its own models.<name>." + s.modelKey());
                }
            }
        }
        return out;
    }

    private static int firstSeparator(String line) {
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq < 0) {
            return colon;
        }
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    static Settings.Value parse(Setting s, String raw, String source) {
        try {
            return new Settings.Value(s.parse(raw), source);
        } catch (IllegalArgumentException | TrmException e) {
            throw new TrmException("bad value '" + raw.strip() + "' for " + s.key() + " in " + source + ": "
                    + e.getMessage());
        }
    }

    static String suggest(String word, Set<String> known) {
        return Suggestions.closest(word, known)
                .map(c -> "; did you mean '" + c + "'?")
                .orElseGet(() -> "; known: " + String.join(", ", new java.util.TreeSet<>(known)));
    }
}
