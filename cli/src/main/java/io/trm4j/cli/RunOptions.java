package io.trm4j.cli;

import io.trm4j.core.LoadOptions;
import io.trm4j.core.ReasonOptions;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.config.Setting;
import io.trm4j.core.config.Settings;
import io.trm4j.core.runtime.OrtNatives;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The options every command that runs a model shares (a picocli mixin). Its flags are not declared
 * here but added from the {@link Setting} table ({@link #install}): name, placeholder and help text
 * come from there, and the raw text is parsed and checked once, by the table. {@link #config()}
 * merges the flags over {@code trm.*} properties, {@code TRM_*} variables and the {@code --config}
 * file (flag > property > env > file > default) through {@link TrmConfig}.
 */
final class RunOptions {
    /** The settings every model-running command takes as flags. */
    static final List<Setting> FLAGS = List.of(Setting.MODEL, Setting.MAX_STEPS, Setting.HALTING, Setting.PATIENCE,
            Setting.PROVIDER, Setting.PRECISION, Setting.THREADS, Setting.ORT_NATIVE_PATH);

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (key=value: model, head, provider, precision, threads, ort_native_path, max_steps, halting, patience, serve.*; for trm serve also models.NAME.* sections).")
    Path config;

    private TrmConfig resolved;
    private boolean modelSections;

    /** Adds {@link #FLAGS} to every subcommand of {@code root} that mixes this in. */
    static void install(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            if (spec.mixins().values().stream().anyMatch(m -> m.userObject() instanceof RunOptions)) {
                addFlags(spec, FLAGS);
            }
        }
    }

    /** Adds one string-valued flag per setting, described by the table. */
    static void addFlags(CommandSpec spec, List<Setting> settings) {
        for (Setting s : settings) {
            spec.addOption(OptionSpec.builder(s.flag()).paramLabel(s.paramLabel()).type(String.class)
                    .description(s.description()).build());
        }
    }

    /** The text given for {@code s}'s flag on this command line, or null. */
    String flag(Setting s) {
        OptionSpec o = mixee.findOption(s.flag());
        return o == null ? null : o.getValue();
    }

    /** The merged configuration (resolved once; {@code extra} are a command's own values, e.g. a head argument). */
    TrmConfig config(Map<Setting, String> extra) {
        if (resolved == null) {
            Map<Setting, String> flags = new EnumMap<>(Setting.class);
            for (OptionSpec o : mixee.options()) {
                for (Setting s : Setting.values()) {
                    if (o.longestName().equals(s.flag()) && o.getValue() != null) {
                        flags.put(s, o.getValue());
                    }
                }
            }
            extra.forEach((s, v) -> {
                if (v != null) {
                    flags.put(s, v);
                }
            });
            resolved = TrmConfig.builder().environment(env()).file(config).flags(flags).build();
            if (!modelSections) {
                rejectModelSections(resolved);
            }
            useNativePath(resolved.settings());
        }
        return resolved;
    }

    /** For a command that serves several models ({@code trm serve}): the sections are its to read. */
    void acceptModelSections() {
        modelSections = true;
    }

    /**
     * The {@code models.<name>.*} sections are for what serves several models ({@code trm serve},
     * {@code TrmModule}); a command that runs one model would quietly take the bundled one and
     * answer from a model the file never named.
     */
    private void rejectModelSections(TrmConfig cfg) {
        if (!cfg.settings().modelNames().isEmpty()) {
            throw new TrmException((config != null ? config.toString() : "the configuration") + " defines models.* sections ("
                    + String.join(", ", cfg.settings().modelNames()) + "), which only trm serve reads: "
                    + "give this command a file with one model's keys (model=..., head=..., ...) or --model");
        }
    }

    /** Points ONNX Runtime at the configured native directory, before anything loads a model. */
    static void useNativePath(Settings s) {
        String dir = s.text(Setting.ORT_NATIVE_PATH);
        if (dir != null) {
            OrtNatives.use(Path.of(dir), s.source(Setting.ORT_NATIVE_PATH));
        }
    }

    TrmConfig config() {
        return config(Map.of());
    }

    Settings settings() {
        return config().settings();
    }

    private Map<String, String> env() {
        Object root = mixee == null ? null : mixee.root().userObject();
        return root instanceof TrmCli ? ((TrmCli) root).env : System.getenv();
    }

    /** The model: flag, property, env or file; null when none of them gives one. */
    String model() {
        return config().model();
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

    /** The load options, with {@code headName} (a command's head argument) above the configured head. */
    LoadOptions loadOptions(String headName) {
        LoadOptions o = config().loadOptions();
        return headName == null ? o : o.toBuilder().head(headName).build();
    }

    /** The configured per-call options. */
    ReasonOptions reasonOptions() {
        return config().reasonOptions();
    }
}
