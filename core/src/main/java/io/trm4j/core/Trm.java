package io.trm4j.core;

import io.trm4j.core.head.HeadKey;
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
 * Entry point: {@code try (Reasoner<SudokuPuzzle, SudokuGrid> r = Trm.load(Heads.SUDOKU)) { r.reason(puzzle); }}.
 * The forms taking a {@link HeadKey} are checked by the compiler and fail at load when the model is
 * for another head; the forms without one infer their types unchecked and are meant for tools that
 * pick the head at run time (hold those as {@code Reasoner<?, ?>}).
 * What is fixed at load time is a {@link LoadOptions}; what a call may change, a
 * {@link ReasonOptions}; {@link #load(TrmConfig)} takes both from configuration. The head comes
 * from the manifest's {@code head} (or {@link LoadOptions#head()}), looked up among the
 * {@link io.trm4j.core.head.HeadModule}s on the classpath.
 */
public final class Trm {
    private static volatile HeadRegistry defaultRegistry;

    private Trm() {
    }

    /** The bundled model for {@code head}, e.g. {@code Trm.load(Heads.SUDOKU)}. */
    public static <I, O> Reasoner<I, O> load(HeadKey<I, O> head) {
        return load(head, LoadOptions.defaults());
    }

    public static <I, O> Reasoner<I, O> load(HeadKey<I, O> head, LoadOptions options) {
        requireNonNull(head, "head is null");
        return load(head.name(), head, options);
    }

    /** A model directory for {@code head}; a model for another head fails here, naming both. */
    public static <I, O> Reasoner<I, O> load(Path dir, HeadKey<I, O> head) {
        return load(dir, head, LoadOptions.defaults());
    }

    public static <I, O> Reasoner<I, O> load(Path dir, HeadKey<I, O> head, LoadOptions options) {
        requireNonNull(dir, "dir is null");
        requireNonNull(head, "head is null");
        requireNonNull(options, "options is null");
        return owning(ModelLoader.load(dir), head, options, heads());
    }

    /** A model directory, or a bundled model by name or by head, for {@code head}. */
    public static <I, O> Reasoner<I, O> load(String nameOrPath, HeadKey<I, O> head, LoadOptions options) {
        return load(nameOrPath, head, options, heads());
    }

    public static <I, O> Reasoner<I, O> load(String nameOrPath, HeadKey<I, O> head, LoadOptions options,
                                             HeadRegistry registry) {
        requireNonNull(head, "head is null");
        requireNonNull(options, "options is null");
        requireNonNull(registry, "registry is null");
        return owning(resolve(nameOrPath), head, options, registry);
    }

    /** The configured model and options, for {@code head}. */
    public static <I, O> Reasoner<I, O> load(TrmConfig config, HeadKey<I, O> head) {
        requireNonNull(config, "config is null");
        return load(config.requireModel(), head, config.loadOptions());
    }

    /** A model directory, or a bundled model by name or by head (e.g. {@code "sudoku"}); unchecked types. */
    public static <I, O> Reasoner<I, O> load(String nameOrPath) {
        return load(nameOrPath, LoadOptions.defaults());
    }

    /** The configured model with the configured options ({@link TrmConfig#load()} and friends). */
    public static <I, O> Reasoner<I, O> load(TrmConfig config) {
        requireNonNull(config, "config is null");
        return load(config.requireModel(), config.loadOptions());
    }

    public static <I, O> Reasoner<I, O> load(String nameOrPath, LoadOptions options) {
        return load(nameOrPath, options, heads());
    }

    /** The reasoner owns the model it loads here: closing it also closes the model's puzzle table. */
    public static <I, O> Reasoner<I, O> load(String nameOrPath, LoadOptions options, HeadRegistry registry) {
        requireNonNull(options, "options is null");
        requireNonNull(registry, "registry is null");
        return owning(resolve(nameOrPath), options, registry);
    }

    public static <I, O> Reasoner<I, O> load(Path dir) {
        return load(dir, LoadOptions.defaults());
    }

    /** The reasoner owns the model it loads here: closing it also closes the model's puzzle table. */
    public static <I, O> Reasoner<I, O> load(Path dir, LoadOptions options) {
        requireNonNull(options, "options is null");
        return owning(ModelLoader.load(dir), options, heads());
    }

    /**
     * Loads a model with the head its manifest (or {@code options.head()}) names. The caller keeps
     * the model: close it (it may hold a memory-mapped puzzle table) after every reasoner using it.
     */
    public static <I, O> Reasoner<I, O> load(Model model, LoadOptions options, HeadRegistry registry) {
        return open(model, options, registry, false);
    }

    /** Loads a model with an explicit head; the caller keeps (and closes) the model. */
    public static <I, O> Reasoner<I, O> load(Model model, TaskHead<I, O> head, LoadOptions options) {
        return open(model, head, options, false);
    }

    private static <I, O> Reasoner<I, O> owning(Model model, HeadKey<I, O> key, LoadOptions options,
                                                HeadRegistry registry) {
        try {
            String headName = options.head() != null ? options.head() : model.manifest().head();
            if (!headName.equals(key.name())) {
                throw new TrmException(model.source().describe(ModelLoader.MANIFEST) + ": a model for the "
                        + headName + " head, loaded as the " + key.name() + " head (" + key + ")");
            }
            return open(model, key.cast(registry.get(key.name())), options, true);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    private static <I, O> Reasoner<I, O> owning(Model model, LoadOptions options, HeadRegistry registry) {
        try {
            return open(model, options, registry, true);
        } catch (RuntimeException | Error e) {
            model.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private static <I, O> Reasoner<I, O> open(Model model, LoadOptions options, HeadRegistry registry, boolean owns) {
        requireNonNull(model, "model is null");
        requireNonNull(options, "options is null");
        requireNonNull(registry, "registry is null");
        String headName = options.head() != null ? options.head() : model.manifest().head();
        return open(model, (TaskHead<I, O>) registry.get(headName), options, owns);
    }

    private static <I, O> Reasoner<I, O> open(Model model, TaskHead<I, O> head, LoadOptions options, boolean owns) {
        options.reasonDefaults().resolve(model.manifest()); // fail on bad options before opening a native session
        try {
            head.checkModel(model.info()); // a model for another head fails here, not at the first puzzle
        } catch (TrmException e) {
            throw new TrmException(model.source().describe(ModelLoader.MANIFEST) + ": the " + head.name()
                    + " head cannot use this model: " + e.getMessage());
        }
        model = model.withPrecision(options.precision());
        CellSession cell = new CellSession(model, options.sessionSettings());
        return new DefaultReasoner<>(model, head, cell, cell.provider(), cell.providerNote(), options, owns);
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
