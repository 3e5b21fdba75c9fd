package io.trm4j.spark;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.model.Model;
import io.trm4j.core.model.ModelLoader;
import org.apache.spark.SparkFiles;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What every executor loads: a model and the options to run it with. Serializable (it travels with
 * the tasks) and a value: equal specs share one reasoner per executor JVM ({@link ExecutorReasoners}).
 *
 * @param model    a bundled model's name (or its head's name), found on the classpath, or a model
 *                 directory: a path every executor can read (a shared file system), or, when
 *                 {@code shipped}, the name of a directory added with {@link #ship}
 * @param shipped  whether {@code model} is a directory shipped with the job ({@code SparkFiles})
 * @param head     the head to use, or null for the manifest's
 * @param maxSteps supervision steps, or null for the manifest's
 * @param halting  {@code fixed}, {@code act} or {@code converged}, or null for the manifest's
 * @param threads  ONNX Runtime threads per executor, or null for the executor's cores
 */
public record ModelSpec(String model, boolean shipped, String head, Integer maxSteps, String halting,
                        Integer threads) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ModelSpec {
        requireNonNull(model, "model is null");
        if (model.isBlank()) {
            throw new TrmException("model is blank: give a bundled model's name or a model directory");
        }
        config(model, maxSteps, halting, threads, head); // fail on the driver, not in every task
    }

    /** A bundled model (by name) or a directory every executor can read, manifest defaults. */
    public static ModelSpec of(String model) {
        return new ModelSpec(model, false, null, null, null, null);
    }

    /**
     * Adds {@code dir}'s files to the job ({@code SparkContext.addFile}, recursive) and returns a spec
     * that executors resolve with {@code SparkFiles.get}: no shared file system needed. Call it on
     * the driver before the job runs.
     */
    public static ModelSpec ship(org.apache.spark.SparkContext context, Path dir) {
        requireNonNull(context, "context is null");
        if (!Files.isRegularFile(dir.resolve(ModelLoader.MANIFEST))) {
            throw new TrmException(dir + ": not a model directory (no " + ModelLoader.MANIFEST + ")");
        }
        Path abs = dir.toAbsolutePath().normalize();
        context.addFile(abs.toUri().toString(), true);
        return new ModelSpec(abs.getFileName().toString(), true, null, null, null, null);
    }

    public ModelSpec withHead(String value) {
        return new ModelSpec(model, shipped, value, maxSteps, halting, threads);
    }

    public ModelSpec withMaxSteps(Integer value) {
        return new ModelSpec(model, shipped, head, value, halting, threads);
    }

    public ModelSpec withHalting(String value) {
        return new ModelSpec(model, shipped, head, maxSteps, value, threads);
    }

    public ModelSpec withThreads(Integer value) {
        return new ModelSpec(model, shipped, head, maxSteps, halting, value);
    }

    /** The load options this spec stands for (its steps and halting as the calls' defaults). */
    public LoadOptions loadOptions() {
        return config(model, maxSteps, halting, threads, head).loadOptions();
    }

    /** Opens the model on this JVM (on an executor: from the classpath, the path, or SparkFiles). */
    public Model open() {
        if (!shipped) {
            return Trm.resolve(model);
        }
        Path dir = Path.of(SparkFiles.get(model));
        if (!Files.isDirectory(dir)) {
            throw new TrmException("model directory '" + model + "' was not shipped to this executor (looked in "
                    + dir + "); add it with ModelSpec.ship on the driver");
        }
        return ModelLoader.load(dir);
    }

    /** Through the settings table, as every front end: the same checks and the same mapping. */
    private static TrmConfig config(String model, Integer maxSteps, String halting, Integer threads, String head) {
        Map<Setting, Object> given = new EnumMap<>(Setting.class);
        given.put(Setting.MAX_STEPS, maxSteps);
        given.put(Setting.HALTING, halting);
        given.put(Setting.THREADS, threads);
        given.put(Setting.HEAD, head);
        return TrmConfig.of(model).with(given, "the model spec");
    }
}
