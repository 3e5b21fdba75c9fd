package io.trm4j.cli;

import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.HeadCommands;
import io.trm4j.core.head.command.HeadOption;
import io.trm4j.core.head.command.InputAdjustment;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.UsageException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What the heads add to {@code trm solve} and {@code trm eval} ({@link HeadCommands}, bound by each
 * head's module): their options become picocli options of the command (so {@code --help} shows
 * them), and after parsing the command asks the running head's commands for their behaviour. The
 * CLI itself names no head.
 */
final class HeadFeatures {
    private HeadFeatures() {
    }

    /**
     * Adds every head's options for {@code kind} to {@code command}; an option two heads declare is
     * added once. Fails when a head's option would replace one of the command's own.
     */
    static void install(CommandLine command, CommandKind kind, HeadRegistry heads) {
        CommandSpec spec = command.getCommandSpec();
        Set<String> added = new HashSet<>();
        for (HeadCommands commands : heads.commands().values()) {
            for (HeadOption o : commands.options()) {
                if (!o.commands().contains(kind) || !added.add(o.name())) {
                    continue;
                }
                if (spec.findOption(o.name()) != null) {
                    throw new IllegalStateException("a head's option " + o.name() + " clashes with trm "
                            + spec.name() + "'s own");
                }
                OptionSpec.Builder option = OptionSpec.builder(o.name()).description(o.description());
                spec.addOption(o.isFlag() ? option.arity("0").type(boolean.class).build()
                        : option.arity("1").paramLabel(o.paramLabel()).type(String.class).build());
            }
        }
    }

    /** The head options given on {@code spec}'s command line: a flag as {@code "true"}, an option as its value. */
    static Map<String, String> given(CommandSpec spec, CommandKind kind, HeadRegistry heads) {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> given = new LinkedHashMap<>();
        for (HeadCommands commands : heads.commands().values()) {
            for (HeadOption o : commands.options()) {
                if (o.commands().contains(kind) && parsed.hasMatchedOption(o.name())) {
                    given.put(o.name(), String.valueOf(parsed.matchedOptionValue(o.name(), (Object) null)));
                }
            }
        }
        return given;
    }

    /**
     * Lets every head's commands check {@code invocation}; a misuse of the command line fails as
     * picocli's own usage errors do (with the pointer to {@code --help}).
     */
    static void check(CommandSpec spec, HeadRegistry heads, Invocation invocation) {
        for (HeadCommands commands : heads.commands().values()) {
            try {
                commands.check(invocation);
            } catch (UsageException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /** The commands of {@code head} when they have {@code capability}. */
    static <T> Optional<T> capability(HeadRegistry heads, String head, Class<T> capability) {
        HeadCommands commands = head == null ? null : heads.commands().get(head);
        return capability.isInstance(commands) ? Optional.of(capability.cast(commands)) : Optional.empty();
    }

    /** What {@code head}'s options do to each parsed input (nothing for most heads). */
    static UnaryOperator<Object> inputAdjustment(HeadRegistry heads, String head, Invocation invocation) {
        return capability(heads, head, InputAdjustment.class)
                .<UnaryOperator<Object>>map(a -> input -> a.adjust(input, invocation))
                .orElse(UnaryOperator.identity());
    }
}
