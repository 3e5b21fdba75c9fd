package io.trm4j.core.head.command;

import java.nio.file.Path;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One run of a front-end command as a head's {@link HeadCommands} sees it.
 *
 * @param command   which command runs
 * @param head      the head it runs, or null while only a model directory says which (solve with --model)
 * @param model     the model the user named (--model, TRM_MODEL, config), or null for the head's bundled one
 * @param file      the labelled puzzles of {@code eval}; null for {@code solve}
 * @param searching whether a verified search was asked for
 * @param trace     whether every step's prediction is to be shown
 * @param json      whether the output is JSON
 * @param given     the head options given (by name: a flag maps to {@code "true"}, an option to its value)
 */
public record Invocation(CommandKind command, String head, String model, Path file, boolean searching,
                         boolean trace, boolean json, Map<String, String> given) {
    public Invocation {
        requireNonNull(command, "command is null");
        given = Map.copyOf(requireNonNull(given, "given is null"));
    }

    /** Whether the head option {@code name} was given. */
    public boolean has(String name) {
        return given.containsKey(name);
    }

    /** The value of the head option {@code name}, or null when it was not given. */
    public String value(String name) {
        return given.get(name);
    }

    /** The same run once the head is known (after the model named it). */
    public Invocation withHead(String headName) {
        return new Invocation(command, requireNonNull(headName, "headName is null"), model, file, searching, trace,
                json, given);
    }
}
