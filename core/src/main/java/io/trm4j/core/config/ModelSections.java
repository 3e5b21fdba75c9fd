package io.trm4j.core.config;

import io.trm4j.core.TrmException;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads {@code models.<name>.<key>} entries into per-model sections, checked like the top-level keys. */
final class ModelSections {
    static final String PREFIX = "models.";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Map<String, Setting> BY_KEY = Setting.PER_MODEL.stream()
            .collect(Collectors.toMap(Setting::modelKey, Function.identity()));

    private ModelSections() {
    }

    /**
     * Puts {@code raw} for {@code key} ({@code models.<name>.<setting>}) into its section.
     *
     * @param override whether the entry may replace one given before (a higher source); within one
     *                 file a key given twice is an error
     */
    static void put(Map<String, Map<Setting, Settings.Value>> models, String key, String raw, String where,
                    boolean override) {
        String rest = key.substring(PREFIX.length());
        int dot = rest.indexOf('.'); // a name has no dots; a key may (serve.queue)
        String name = dot < 0 ? "" : rest.substring(0, dot);
        if (!NAME.matcher(name).matches()) {
            throw new TrmException("bad key '" + key + "' in " + where + ": expected models.<name>.<key> with a name of "
                    + "letters, digits, '_' or '-' and a key of " + String.join(", ", new TreeSet<>(BY_KEY.keySet())));
        }
        String sub = rest.substring(dot + 1);
        Setting s = BY_KEY.get(sub);
        if (s == null) {
            throw new TrmException("unknown key '" + key + "' in " + where + Suggestions.closest(sub, BY_KEY.keySet())
                    .map(c -> "; did you mean '" + PREFIX + name + "." + c + "'?")
                    .orElseGet(() -> "; a model's keys: " + String.join(", ", new TreeSet<>(BY_KEY.keySet()))));
        }
        Map<Setting, Settings.Value> section = models.computeIfAbsent(name, n -> new EnumMap<>(Setting.class));
        if (!override && section.containsKey(s)) {
            throw new TrmException("key '" + key + "' given twice (" + section.get(s).source() + " and " + where + ")");
        }
        section.put(s, SettingsResolver.parse(s, raw, where));
    }
}
