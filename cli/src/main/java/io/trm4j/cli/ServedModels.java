package io.trm4j.cli;

import io.trm4j.cli.serve.ModelEntry;
import io.trm4j.cli.serve.ModelLimits;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import io.trm4j.core.config.Suggestions;
import io.trm4j.core.model.DirectorySource;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.model.ModelLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which models {@code trm serve} serves: the one {@code --model} names, or else every bundled
 * model; and, either way, those {@code serve.models} lists (comma-separated bundled names or
 * directories) and those {@code models.NAME.*} sections name. A section also gives the model of
 * its name its own head, provider, threads, loop settings and serving limits
 * ({@code models.maze.serve.queue=16}). Only manifests are read here; the models load when the
 * server says.
 */
final class ServedModels {
    /** A model to serve, its name resolved: what a section may still change. */
    private record Planned(String name, String ref, String head, LoadOptions options, ModelLimits limits) {
    }

    private ServedModels() {
    }

    /** As {@link #entries(String, String, String, LoadOptions, Map)}, without sections. */
    static List<ModelEntry> entries(String model, String head, String extra, LoadOptions options) {
        return entries(model, head, extra, options, Map.of());
    }

    /**
     * @param model    the {@code --model} value (with {@code --head}, the head to use), or null for
     *                 every bundled model
     * @param extra    the {@code serve.models} value, or null
     * @param options  load options for every model without a section ({@code head} is only used with
     *                 {@code model})
     * @param sections the {@code models.NAME} sections, each as its settings over the top level's
     */
    static List<ModelEntry> entries(String model, String head, String extra, LoadOptions options,
                                    Map<String, Settings> sections) {
        Set<String> refs = new LinkedHashSet<>();
        if (model != null) {
            refs.add(model);
        } else {
            refs.addAll(ModelCatalog.systemCatalog().folders());
        }
        if (extra != null) {
            for (String ref : extra.split(",")) {
                if (!ref.isBlank()) {
                    refs.add(ref.strip());
                }
            }
        }
        if (refs.isEmpty() && sections.isEmpty()) {
            throw new TrmException("say which model: --model NAME|DIR (or serve.models in --config, or "
                    + "TRM_SERVE_MODELS); no model is bundled in this build");
        }
        Map<String, Planned> planned = new LinkedHashMap<>();
        for (String given : refs) {
            int eq = given.indexOf('=');
            String name = eq > 0 ? given.substring(0, eq).strip() : null;
            String ref = eq > 0 ? given.substring(eq + 1).strip() : given;
            boolean chosen = given.equals(model);
            String h = chosen ? head : null;
            String served = entry(ref, name, planned.keySet(), h, options, null).name();
            if (planned.containsKey(served)) {
                throw new TrmException("two models would be served as '" + served + "': name one of them, e.g. "
                        + "serve.models=" + served + "2=" + ref);
            }
            planned.put(served, new Planned(served, ref, h, chosen ? options : options.toBuilder().head(null).build(),
                    null));
        }
        sections.forEach((name, s) -> planned.put(name, section(name, s, planned.get(name))));
        List<ModelEntry> out = new ArrayList<>();
        for (Planned p : planned.values()) {
            out.add(entry(p.ref(), p.name(), Set.of(), p.head(), p.options(), p.limits()));
        }
        return out;
    }

    /**
     * Section {@code name}: the model served under that name gets the section's settings; with a
     * {@code path} of its own the section names the model (replacing one of that name), else it is
     * the model already served under that name or the bundled model called so.
     */
    private static Planned section(String name, Settings s, Planned before) {
        String ref = s.text(Setting.MODEL); // the section's path, else its name
        boolean ownPath = !ref.equals(name);
        if (!ownPath && before == null && ModelCatalog.systemCatalog().find(name).isEmpty()
                && !Files.isDirectory(Path.of(name))) {
            List<String> bundled = ModelCatalog.systemCatalog().folders();
            throw new TrmException("section models." + name + " names no model: no bundled model is called '" + name
                    + "'" + Suggestions.closest(name, bundled).map(c -> " (did you mean models." + c + "?)")
                    .orElse(" (bundled: " + (bundled.isEmpty() ? "none" : String.join(", ", bundled)) + ")")
                    + " and it has no models." + name + ".path");
        }
        ModelLimits limits = ModelLimits.from(s);
        String head = s.text(Setting.HEAD) != null ? s.text(Setting.HEAD) : before != null && !ownPath ? before.head() : null;
        // max_batch bounds the rows of one cell call in both modes: a gathered batch, or the shared one.
        LoadOptions options = s.loadOptions().toBuilder().head(head).sharedRows(limits.maxBatch()).build();
        return new Planned(name, ownPath || before == null ? ref : before.ref(), head, options, limits);
    }

    private static ModelEntry entry(String ref, String name, Set<String> taken, String head, LoadOptions options,
                                    ModelLimits limits) {
        Supplier<Reasoner<Object, Object>> loader = () -> Trm.load(ref, options, Trm.heads());
        Path dir = Path.of(ref);
        if (Files.isDirectory(dir)) {
            try {
                Manifest m = ModelLoader.readManifest(new DirectorySource(dir));
                String served = name != null ? name : !taken.contains(m.name()) ? m.name() : folderName(dir, ref);
                return new ModelEntry(served, head != null ? head : m.head(), dir.toString(), loader, null, limits);
            } catch (TrmException e) {
                return new ModelEntry(name != null ? name : folderName(dir, ref), head, dir.toString(), loader,
                        e.getMessage(), limits);
            }
        }
        Optional<ModelCatalog.Entry> bundled = ref.contains("/") ? Optional.empty()
                : ModelCatalog.systemCatalog().find(ref);
        if (bundled.isPresent()) {
            ModelCatalog.Entry e = bundled.get();
            return new ModelEntry(name != null ? name : e.folder(), head != null ? head : e.manifest().head(),
                    "bundled " + e.folder(), loader, null, limits);
        }
        return new ModelEntry(name != null ? name : ref, head, ref, loader,
                ref + ": no such model directory or bundled model", limits);
    }

    private static String folderName(Path dir, String ref) {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return file == null ? ref : file.toString();
    }
}
