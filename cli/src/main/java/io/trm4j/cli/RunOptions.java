package io.trm4j.cli;

import io.trm4j.cli.config.Setting;
import io.trm4j.cli.config.Settings;
import io.trm4j.cli.config.SettingsResolver;
import io.trm4j.core.Options;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The options every command that runs a model shares (a picocli mixin). The fields hold only what
 * was typed; {@link #settings()} merges them with {@code TRM_*} variables and the {@code --config}
 * file (flag > env > file > default), and the accessors return the merged values.
 */
final class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (key=value: model, head, provider, threads, max_steps, halting, patience, serve.*).")
    Path config;

    @Option(names = "--model", paramLabel = "NAME|DIR",
            description = "A bundled model (name or head) or a model directory. Default: the bundled model for the head.")
    String model;

    @Option(names = "--max-steps", paramLabel = "N", description = "Supervision steps (default: the model's).")
    Integer maxSteps;

    @Option(names = "--halting", paramLabel = "POLICY", description = "fixed, act or converged (default: the model's).")
    String halting;

    @Option(names = "--patience", paramLabel = "K", description = "Steps unchanged before 'converged' halts.")
    Integer patience;

    @Option(names = "--provider", paramLabel = "P", description = "cpu, cuda or auto (default: cpu).")
    String provider;

    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads (default: all processors).")
    Integer threads;

    private Settings settings;

    /** The merged settings (resolved once; {@code extraFlags} are a command's own flags, e.g. serve's). */
    Settings settings(Map<Setting, String> extraFlags) {
        if (settings == null) {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            put(flags, Setting.MODEL, model);
            put(flags, Setting.MAX_STEPS, maxSteps);
            put(flags, Setting.HALTING, halting);
            put(flags, Setting.PATIENCE, patience);
            put(flags, Setting.PROVIDER, provider);
            put(flags, Setting.THREADS, threads);
            flags.putAll(extraFlags);
            settings = new SettingsResolver(env()).resolve(flags, config);
        }
        return settings;
    }

    Settings settings() {
        return settings(Map.of());
    }

    static void put(Map<Setting, String> flags, Setting s, Object value) {
        if (value != null) {
            flags.put(s, value.toString());
        }
    }

    private Map<String, String> env() {
        Object root = mixee == null ? null : mixee.root().userObject();
        return root instanceof TrmCli ? ((TrmCli) root).env : System.getenv();
    }

    /** The model: flag, env or file; null when none of them gives one. */
    String model() {
        return settings().text(Setting.MODEL);
    }

    /** The head the settings name (flag-less: commands have their own head argument), or null. */
    String head() {
        return settings().text(Setting.HEAD);
    }

    Integer maxSteps() {
        return settings().integer(Setting.MAX_STEPS);
    }

    /** The model reference: the configured model, else the bundled model for the head. */
    String modelOr(String headName) {
        String m = model();
        return m != null ? m : headName;
    }

    Options options(String headName, boolean trace) {
        Settings s = settings();
        Options o = Options.defaults().provider(s.provider()).trace(trace);
        String h = headName != null ? headName : s.text(Setting.HEAD);
        if (h != null) {
            o = o.head(h);
        }
        if (s.integer(Setting.MAX_STEPS) != null) {
            o = o.maxSteps(s.integer(Setting.MAX_STEPS));
        }
        if (s.halting() != null) {
            o = o.halting(s.halting());
        }
        if (s.integer(Setting.PATIENCE) != null) {
            o = o.patience(s.integer(Setting.PATIENCE));
        }
        if (s.integer(Setting.THREADS) != null) {
            o = o.threads(s.integer(Setting.THREADS));
        }
        return o;
    }
}
