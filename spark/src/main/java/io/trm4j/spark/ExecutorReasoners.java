package io.trm4j.spark;

import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.Model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reasoners of this JVM (one Spark executor), loaded lazily the first time a task asks for a
 * spec and reused by every later task: loading a model (ONNX session, puzzle table) costs far more
 * than a batch. A reasoner is thread-safe (concurrent tasks of one executor take turns on its native
 * session, which itself runs on the executor's cores). They are closed when the JVM exits.
 */
public final class ExecutorReasoners {
    private static final Map<Key, Loaded> LOADED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExecutorReasoners::closeAll, "trm4j-spark-close"));
    }

    private ExecutorReasoners() {
    }

    /** The reasoner for {@code spec} with the head it names (or the manifest's). */
    @SuppressWarnings("unchecked")
    public static <I, O> Reasoner<I, O> get(ModelSpec spec) {
        return (Reasoner<I, O>) LOADED.computeIfAbsent(new Key(spec, null), k -> {
            Model model = spec.open();
            try {
                return new Loaded(model, Trm.load(model, spec.loadOptions(), Trm.heads()));
            } catch (RuntimeException | Error e) {
                model.close();
                throw e;
            }
        }).reasoner;
    }

    /** The reasoner for {@code spec}'s model with an explicit head (e.g. {@link EncodedRowHead}). */
    @SuppressWarnings("unchecked")
    public static <I, O> Reasoner<I, O> get(ModelSpec spec, TaskHead<I, O> head) {
        return (Reasoner<I, O>) LOADED.computeIfAbsent(new Key(spec, head.name()), k -> {
            Model model = spec.open();
            try {
                return new Loaded(model, Trm.load(model, head, spec.loadOptions()));
            } catch (RuntimeException | Error e) {
                model.close();
                throw e;
            }
        }).reasoner;
    }

    /** How many reasoners this JVM holds (tests check that tasks reuse them). */
    public static int loadedCount() {
        return LOADED.size();
    }

    /** Closes every reasoner and its model; the next task loads again. */
    public static synchronized void closeAll() {
        List<Loaded> all = new ArrayList<>(LOADED.values());
        LOADED.clear();
        for (Loaded l : all) {
            l.reasoner.close();
            l.model.close();
        }
    }

    private record Key(ModelSpec spec, String head) {
    }

    private record Loaded(Model model, Reasoner<?, ?> reasoner) {
    }
}
