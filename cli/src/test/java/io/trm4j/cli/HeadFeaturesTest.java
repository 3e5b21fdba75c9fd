package io.trm4j.cli;

import io.trm4j.core.Trm;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.HeadCommands;
import io.trm4j.core.head.command.HeadOption;
import io.trm4j.core.head.command.Invocation;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The heads' own options on solve and eval: shown in help, read back after parsing, named by no CLI code. */
class HeadFeaturesTest {
    @Test
    void helpShowsTheOptionsTheHeadsAdd() {
        String solve = CliRun.of("solve", "--help").out().replaceAll("\\s+", " "); // help wraps its lines
        assertTrue(solve.contains("--baseline") && solve.contains("--unknown-task=fail|fallback"), solve);
        assertTrue(solve.contains("answer with the rule-fitting baseline"), solve);
        String eval = CliRun.of("eval", "--help").out().replaceAll("\\s+", " ");
        assertTrue(eval.contains("--baseline") && eval.contains("--unknown-task=fail|fallback")
                && eval.contains("--submission=FILE"), eval);
        assertTrue(eval.contains("score the rule-fitting baseline"), eval);
    }

    @Test
    void theGivenOptionsAreReadBack() {
        CommandLine cli = new CommandLine(new TrmCli(System.in, Map.of()));
        CommandLine eval = cli.getSubcommands().get("eval");
        HeadFeatures.install(eval, CommandKind.EVAL, Trm.heads());
        cli.parseArgs("eval", "arc", "dir", "--submission", "s.json", "--baseline");
        assertEquals(Map.of("--submission", "s.json", "--baseline", "true"),
                HeadFeatures.given(eval.getCommandSpec(), CommandKind.EVAL, Trm.heads()));
    }

    @Test
    void aHeadOptionMayNotReplaceOneOfTheCommand() {
        TaskHead<?, ?> head = Trm.heads().get("tokens");
        HeadCommands clash = new HeadCommands() {
            @Override
            public List<HeadOption> options() {
                return List.of(HeadOption.flag("--json", "Mine.", CommandKind.SOLVE));
            }

            @Override
            public void check(Invocation invocation) {
            }
        };
        HeadRegistry heads = new HeadRegistry(Map.of("tokens", head), Map.of("tokens", clash));
        CommandLine solve = new CommandLine(new TrmCli(System.in, Map.of())).getSubcommands().get("solve");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> HeadFeatures.install(solve, CommandKind.SOLVE, heads));
        assertEquals("a head's option --json clashes with trm solve's own", e.getMessage());
    }

    /** Adding a head touches heads/ (and models/) only: the CLI imports no head package. */
    @Test
    void theCliNamesNoHead() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> naming = files.filter(p -> p.toString().endsWith(".java")).filter(p -> {
                try {
                    return Files.readString(p).contains("io.trm4j.heads.");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(Path::toString).toList();
            assertEquals(List.of(), naming);
        }
    }
}
