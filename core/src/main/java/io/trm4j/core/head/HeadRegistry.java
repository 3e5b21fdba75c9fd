package io.trm4j.core.head;

import com.google.inject.Guice;
import com.google.inject.Module;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.command.HeadCommands;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedMap;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** The known task heads by name, and what they add to the front-end commands. */
public final class HeadRegistry {
    private final SortedMap<String, TaskHead<?, ?>> heads;
    private final SortedMap<String, HeadCommands> commands;

    /** Heads that add nothing to the front-end commands. */
    public HeadRegistry(Map<String, TaskHead<?, ?>> heads) {
        this(heads, Map.of());
    }

    @Inject
    public HeadRegistry(Map<String, TaskHead<?, ?>> heads, Map<String, HeadCommands> commands) {
        requireNonNull(heads, "heads is null");
        requireNonNull(commands, "commands is null");
        heads.forEach((name, head) -> {
            if (!name.equals(head.name())) {
                throw new TrmException("head bound as '" + name + "' calls itself '" + head.name() + "'");
            }
        });
        commands.keySet().forEach(name -> {
            if (!heads.containsKey(name)) {
                throw new TrmException("commands bound for head '" + name + "', which is not a known head");
            }
        });
        this.heads = new TreeMap<>(heads);
        this.commands = new TreeMap<>(commands);
    }

    /** Every {@link HeadModule} on the classpath, wired by Guice. */
    public static HeadRegistry discover() {
        return Guice.createInjector(new HeadsModule()).getInstance(HeadRegistry.class);
    }

    public static List<Module> discoverModules(ClassLoader loader) {
        List<Module> modules = new ArrayList<>();
        ServiceLoader.load(HeadModule.class, loader).forEach(modules::add);
        return modules;
    }

    public TaskHead<?, ?> get(String name) {
        requireNonNull(name, "name is null");
        TaskHead<?, ?> head = heads.get(name);
        if (head == null) {
            throw new TrmException("unknown head '" + name + "'; known heads: "
                    + (heads.isEmpty() ? "none (is trm4j-heads on the classpath?)" : String.join(", ", heads.keySet())));
        }
        return head;
    }

    public boolean contains(String name) {
        return heads.containsKey(name);
    }

    public List<String> names() {
        return List.copyOf(heads.keySet());
    }

    /** What each head adds to the front-end commands, by head name (heads that add nothing are absent). */
    public SortedMap<String, HeadCommands> commands() {
        return Collections.unmodifiableSortedMap(commands);
    }
}
