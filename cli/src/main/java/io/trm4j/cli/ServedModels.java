package io.trm4j.cli;

import io.trm4j.cli.serve.ModelEntry;
import io.trm4j.core.LoadOptions;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmException;
import io.trm4j.core.model.DirectorySource;
import io.trm4j.core.model.Manifest;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.model.ModelLoader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which models {@code trm serve} serves: the one {@code --model} names, or else every bundled
 * model; and, either way, those {@code serve.models} lists (comma-separated bundled names or
 * directories). Only manifests are read here; the models load when the server says.
 */
final class ServedModels {
    private ServedModels() {
    }

    /**
     * @param model   the {@code --model} value (with {@code --head}, the head to use), or null for
     *                every bundled model
     * @param extra   the {@code serve.models} value, or null
     * @param options load options for every model ({@code head} is only used with {@code model})
     */
    static List<ModelEntry> entries(String model, String head, String extra, LoadOptions options) {
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
        if (refs.isEmpty()) {
            throw new TrmException("say which model: --model NAME|DIR (or serve.models in --config, or "
                    + "TRM_SERVE_MODELS); no model is bundled in this build");
        }
        List<ModelEntry> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String given : refs) {
            int eq = given.indexOf('=');
            String name = eq > 0 ? given.substring(0, eq).strip() : null;
            String ref = eq > 0 ? given.substring(eq + 1).strip() : given;
            boolean chosen = given.equals(model);
            ModelEntry e = entry(ref, name, names, chosen ? head : null, chosen ? options : options.toBuilder().head(null).build());
            if (!names.add(e.name())) {
                throw new TrmException("two models would be served as '" + e.name() + "': name one of them, e.g. "
                        + "serve.models=" + e.name() + "2=" + ref);
            }
            out.add(e);
        }
        return out;
    }

    private static ModelEntry entry(String ref, String name, Set<String> taken, String head, LoadOptions options) {
        java.util.function.Supplier<Reasoner<Object, Object>> loader = () -> Trm.load(ref, options, Trm.heads());
        Path dir = Path.of(ref);
        if (Files.isDirectory(dir)) {
            try {
                Manifest m = ModelLoader.readManifest(new DirectorySource(dir));
                String served = name != null ? name : !taken.contains(m.name()) ? m.name() : folderName(dir, ref);
                return new ModelEntry(served, head != null ? head : m.head(), dir.toString(), loader, null);
            } catch (TrmException e) {
                return new ModelEntry(name != null ? name : folderName(dir, ref), head, dir.toString(), loader,
                        e.getMessage());
            }
        }
        Optional<ModelCatalog.Entry> bundled = ref.contains("/") ? Optional.empty()
                : ModelCatalog.systemCatalog().find(ref);
        if (bundled.isPresent()) {
            ModelCatalog.Entry e = bundled.get();
            return new ModelEntry(name != null ? name : e.folder(), head != null ? head : e.manifest().head(),
                    "bundled " + e.folder(), loader, null);
        }
        return new ModelEntry(name != null ? name : ref, head, ref, loader,
                ref + ": no such model directory or bundled model");
    }

    private static String folderName(Path dir, String ref) {
        Path file = dir.toAbsolutePath().normalize().getFileName();
        return file == null ? ref : file.toString();
    }
}
