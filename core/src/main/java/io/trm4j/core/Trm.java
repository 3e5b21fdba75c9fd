package io.trm4j.core;

import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.model.ModelLoader;
import io.trm4j.core.runtime.CellSession;

import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Entry point: {@code try (Reasoner<P, A> r = Trm.load("sudoku")) { r.reason(puzzle); }}.
 * The head comes from the manifest's {@code head} (or {@link Options#head(String)}), looked up
 * among the {@link io.trm4j.core.head.HeadModule}s on the classpath.
 */
public final class Trm {
    private static volatile HeadRegistry defaultRegistry;

    private Trm() {
    }

    /** A model directory, or a bundled model by name or by head (e.g. {@code "sudoku"}). */
    public static <I, O> Reasoner<I, O> load(String nameOrPath) {
        return load(nameOrPath, Options.defaults());
    }

    public static <I, O> Reasoner<I, O> load(String nameOrPath, Options options) {
        return load(resolve(nameOrPath), options, heads());
    }

    public static <I, O> Reasoner<I, O> load(String nameOrPath, Options options, HeadRegistry registry) {
        return load(resolve(nameOrPath), options, registry);
    }

    public static <I, O> Reasoner<I, O> load(Path dir) {
        return load(dir, Options.defaults());
    }

    public static <I, O> Reasoner<I, O> load(Path dir, Options options) {
        return load(ModelLoader.load(dir), options, heads());
    }

    /** Loads a model with the head its manifest (or {@code options.head()}) names. */
    @SuppressWarnings("unchecked")
    public static <I, O> Reasoner<I, O> load(Model model, Options options, HeadRegistry registry) {
        requireNonNull(model, "model is null");
        requireNonNull(options, "options is null");
        requireNonNull(registry, "registry is null");
        String headName = options.head() != null ? options.head() : model.manifest().head();
        return load(model, (TaskHead<I, O>) registry.get(headName), options);
    }

    /** Loads a model with an explicit head. */
    public static <I, O> Reasoner<I, O> load(Model model, TaskHead<I, O> head, Options options) {
        options.resolve(model.manifest()); // fail on bad options before opening a native session
        CellSession cell = new CellSession(model, options.sessionSettings());
        return new DefaultReasoner<>(model, head, cell, cell.provider(), options);
    }

    /** A model directory when {@code nameOrPath} is one, else the bundled model of that name or head. */
    public static Model resolve(String nameOrPath) {
        requireNonNull(nameOrPath, "nameOrPath is null");
        Path path = Path.of(nameOrPath);
        if (Files.isDirectory(path)) {
            return ModelLoader.load(path);
        }
        if (nameOrPath.contains("/") || nameOrPath.contains("\\")) {
            throw new TrmException(nameOrPath + ": no such model directory");
        }
        return ModelLoader.load(ModelCatalog.systemCatalog().require(nameOrPath).source());
    }

    /** The heads on the classpath (discovered once). */
    public static HeadRegistry heads() {
        HeadRegistry r = defaultRegistry;
        if (r == null) {
            synchronized (Trm.class) {
                r = defaultRegistry;
                if (r == null) {
                    r = HeadRegistry.discover();
                    defaultRegistry = r;
                }
            }
        }
        return r;
    }
}
