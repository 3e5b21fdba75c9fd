package io.trm4j.core.model;

import io.trm4j.core.TrmException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The bundled models. A classpath cannot be listed portably, so each models jar ships
 * {@code trm4j/models/index.txt} naming its folders, one per line ({@code #} comments allowed).
 */
public final class ModelCatalog {
    public static final String ROOT = "trm4j/models";
    public static final String INDEX = ROOT + "/index.txt";
    /** The artifact that holds the bundled models (the one dependency {@code io.trm4j:trm4j} brings it). */
    public static final String MODELS_ARTIFACT = "io.trm4j:trm4j-models";

    /** One bundled model. */
    public record Entry(String folder, ModelSource source, Manifest manifest) {
        public Entry {
            requireNonNull(folder, "folder is null");
            requireNonNull(source, "source is null");
            requireNonNull(manifest, "manifest is null");
        }
    }

    private final ClassLoader loader;

    public ModelCatalog(ClassLoader loader) {
        this.loader = requireNonNull(loader, "loader is null");
    }

    public static ModelCatalog systemCatalog() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return new ModelCatalog(cl != null ? cl : ModelCatalog.class.getClassLoader());
    }

    /** Folder names from every index.txt on the classpath, in order, without duplicates. */
    public List<String> folders() {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> indexes = loader.getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL url = indexes.nextElement();
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    r.lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new TrmException(INDEX + ": cannot read the bundled model index: " + e.getMessage(), e);
        }
        return List.copyOf(names);
    }

    /** All bundled models with their manifests (a broken bundled manifest fails loudly). */
    public List<Entry> list() {
        List<Entry> entries = new ArrayList<>();
        for (String folder : folders()) {
            ModelSource source = new ClasspathSource(ROOT + "/" + folder, loader);
            entries.add(new Entry(folder, source, ModelLoader.readManifest(source)));
        }
        return entries;
    }

    /** The bundled model whose folder, manifest name or head is {@code nameOrHead}: names win over heads. */
    public Optional<Entry> find(String nameOrHead) {
        requireNonNull(nameOrHead, "nameOrHead is null");
        List<Entry> all = list();
        return all.stream()
                .filter(e -> e.folder().equals(nameOrHead) || e.manifest().name().equals(nameOrHead))
                .findFirst()
                .or(() -> all.stream().filter(e -> e.manifest().head().equals(nameOrHead)).findFirst());
    }

    /** Like {@link #find} but fails listing what is bundled (or, with none, naming the artifact to add). */
    public Entry require(String nameOrHead) {
        return find(nameOrHead).orElseThrow(() -> notBundled(nameOrHead, list()));
    }

    private static TrmException notBundled(String nameOrHead, List<Entry> all) {
        String hint = all.isEmpty()
                ? " (add the dependency " + MODELS_ARTIFACT + ", or pass a model directory)"
                : " (or pass a model directory)";
        return new TrmException("no bundled model named or for head '" + nameOrHead + "'; bundled: "
                + describe(all) + hint);
    }

    private static String describe(List<Entry> all) {
        if (all.isEmpty()) {
            return "none";
        }
        return all.stream().map(e -> e.manifest().name() + " (head " + e.manifest().head() + ")")
                .collect(Collectors.joining(", "));
    }
}
