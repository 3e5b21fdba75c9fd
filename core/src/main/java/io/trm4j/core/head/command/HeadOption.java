package io.trm4j.core.head.command;

import java.util.EnumSet;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An option a head adds to front-end commands, as plain data: the front end builds its own option
 * from it (the CLI a picocli option shown in {@code --help}), so the library needs no CLI library.
 *
 * @param name        the long name, e.g. {@code --baseline}
 * @param paramLabel  what the value is called in help, e.g. {@code FILE}; null for a flag (no value)
 * @param description the help text, one sentence or two
 * @param commands    the commands that take the option
 */
public record HeadOption(String name, String paramLabel, String description, Set<CommandKind> commands) {
    public HeadOption {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(commands, "commands is null");
        if (!name.matches("--[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("option name must look like --lower-case-words, got '" + name + "'");
        }
        if (description.isBlank()) {
            throw new IllegalArgumentException(name + ": the description is blank");
        }
        if (paramLabel != null && paramLabel.isBlank()) {
            throw new IllegalArgumentException(name + ": the parameter label is blank (null for a flag)");
        }
        if (commands.isEmpty()) {
            throw new IllegalArgumentException(name + ": no command takes the option");
        }
        commands = Set.copyOf(commands);
    }

    /** An option without a value: given or not. */
    public static HeadOption flag(String name, String description, CommandKind first, CommandKind... more) {
        return new HeadOption(name, null, description, EnumSet.of(first, more));
    }

    /** An option that takes one value, called {@code paramLabel} in help. */
    public static HeadOption value(String name, String paramLabel, String description, CommandKind first,
                                   CommandKind... more) {
        return new HeadOption(name, requireNonNull(paramLabel, "paramLabel is null"), description,
                EnumSet.of(first, more));
    }

    public boolean isFlag() {
        return paramLabel == null;
    }
}
