package io.trm4j.core;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.name.Names;
import com.google.inject.util.Types;
import io.trm4j.core.head.HeadKey;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.HeadsModule;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.DirectorySource;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.model.ModelLoader;

import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Guice wiring for services: binds the {@link TrmConfig}, the heads on the classpath and each
 * configured model as a typed singleton {@code Reasoner<I, O>} (the types are its head's), so
 * {@code @Inject SudokuService(Reasoner<SudokuPuzzle, SudokuGrid> r)} needs no cast.
 * <ul>
 * <li>flat keys (one model): {@code Reasoner<I, O>} and {@code Reasoner<?, ?>}, unqualified;</li>
 * <li>{@code models.<name>.*} sections: {@code @Named("<name>") Reasoner<I, O>} each (and the
 *     unqualified forms too when there is one section).</li>
 * </ul>
 * Every reasoner is also in the {@code Map<String, Reasoner<?, ?>>} by name; the owner of the
 * injector closes them on shutdown. {@code new TrmModule(TrmConfig.load())} reads {@code trm.*}/{@code TRM_*}.
 */
public final class TrmModule extends AbstractModule {
    /** The name of the one model of a flat configuration in the map of reasoners. */
    public static final String DEFAULT_NAME = "default";

    private final TrmConfig config;

    public TrmModule(TrmConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    /** The key a model named {@code name} is bound under, e.g. {@code injector.getInstance(key(Heads.SUDOKU, "sudoku"))}. */
    @SuppressWarnings("unchecked")
    public static <I, O> Key<Reasoner<I, O>> key(HeadKey<I, O> head, String name) {
        requireNonNull(head, "head is null");
        requireNonNull(name, "name is null");
        return (Key<Reasoner<I, O>>) Key.get(reasonerType(head.input(), head.output()), Names.named(name));
    }

    @Override
    protected void configure() {
        install(new HeadsModule());
        bind(TrmConfig.class).toInstance(config);
        MapBinder<String, Reasoner<?, ?>> all = MapBinder.newMapBinder(binder(), new TypeLiteral<String>() { },
                new TypeLiteral<Reasoner<?, ?>>() { });
        Map<String, TrmConfig> models = config.models();
        if (models.isEmpty()) {
            Key<Reasoner<?, ?>> typed = bindModel(Key.get(typeOf(config)), config);
            all.addBinding(DEFAULT_NAME).to(typed);
            bind(new TypeLiteral<Reasoner<?, ?>>() { }).to(typed);
            return;
        }
        models.forEach((name, model) -> {
            Key<Reasoner<?, ?>> typed = bindModel(Key.get(typeOf(model), Names.named(name)), model);
            all.addBinding(name).to(typed);
            if (models.size() == 1) {
                bindUnqualified(typed);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Key<Reasoner<?, ?>> bindModel(Key<?> key, TrmConfig model) {
        Key<Reasoner<?, ?>> typed = (Key<Reasoner<?, ?>>) key;
        bind(typed).toProvider(new LoadedReasoner(model, getProvider(HeadRegistry.class))).in(Scopes.SINGLETON);
        return typed;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void bindUnqualified(Key<Reasoner<?, ?>> named) {
        Key unqualified = Key.get(named.getTypeLiteral());
        bind(unqualified).to(named);
        bind(new TypeLiteral<Reasoner<?, ?>>() { }).to(named);
    }

    /** {@code Reasoner<I, O>} for the head the model will load with (known before it is loaded). */
    private static Type typeOf(TrmConfig model) {
        String headName = model.loadOptions().head() != null ? model.loadOptions().head() : manifestHead(model);
        TaskHead<?, ?> head = Trm.heads().get(headName);
        Type[] types = HeadKey.typeArguments(head);
        return reasonerType(types[0], types[1]);
    }

    private static Type reasonerType(Type input, Type output) {
        return Types.newParameterizedType(Reasoner.class, input, output);
    }

    /** The manifest's head, read without loading the model's cell. */
    private static String manifestHead(TrmConfig model) {
        String nameOrPath = model.requireModel();
        Path dir = Path.of(nameOrPath);
        if (Files.isDirectory(dir)) {
            return ModelLoader.readManifest(new DirectorySource(dir)).head();
        }
        if (nameOrPath.contains("/") || nameOrPath.contains("\\")) {
            throw new TrmException(nameOrPath + ": no such model directory");
        }
        return ModelCatalog.systemCatalog().require(nameOrPath).manifest().head();
    }

    /** Loads a configured model on first use (at injector creation under {@code Stage.PRODUCTION}). */
    private static final class LoadedReasoner implements com.google.inject.Provider<Reasoner<?, ?>> {
        private final TrmConfig model;
        private final com.google.inject.Provider<HeadRegistry> heads;

        LoadedReasoner(TrmConfig model, com.google.inject.Provider<HeadRegistry> heads) {
            this.model = model;
            this.heads = heads;
        }

        @Override
        public Reasoner<?, ?> get() {
            return Trm.load(model.requireModel(), model.loadOptions(), heads.get());
        }
    }
}
