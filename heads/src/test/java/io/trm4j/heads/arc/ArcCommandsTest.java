package io.trm4j.heads.arc;

import io.trm4j.core.TrmException;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.Invocation;
import io.trm4j.core.head.command.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the ARC head adds to solve and eval: --unknown-task, task directories, --submission. */
class ArcCommandsTest {
    private static final ArcCommands COMMANDS = new ArcCommands();
    private static final ArcTask TASK = new ArcTask("6150a2bd", List.of(), List.of(new ArcPair(
            ArcGrid.of(new int[][] {{1}}), null)));

    @TempDir
    Path dir;

    private static Invocation solve(String head, Map<String, String> given) {
        return new Invocation(CommandKind.SOLVE, head, null, null, false, false, false, given);
    }

    private static Invocation eval(String head, Path file, Map<String, String> given) {
        return new Invocation(CommandKind.EVAL, head, null, file, false, false, false, given);
    }

    @Test
    void theArcModuleRegistersItsCommands() {
        assertInstanceOf(ArcCommands.class, HeadRegistry.discover().commands().get(ArcHead.NAME));
    }

    @Test
    void unknownTaskIsForTheArcHeadOnlyAndFailOrFallback() {
        assertEquals("--unknown-task applies to the arc head only, not 'sudoku'", assertThrows(TrmException.class,
                () -> COMMANDS.check(solve("sudoku", Map.of("--unknown-task", "fallback")))).getMessage());
        assertDoesNotThrow(() -> COMMANDS.check(solve(null, Map.of("--unknown-task", "fallback"))),
                "the model has not named its head yet");
        assertEquals("--unknown-task must be fail or fallback, got 'maybe'", assertThrows(TrmException.class,
                () -> COMMANDS.check(solve("arc", Map.of("--unknown-task", "maybe")))).getMessage());
        assertEquals(ArcTask.UnknownTask.FALLBACK,
                ((ArcTask) COMMANDS.adjust(TASK, solve("arc", Map.of("--unknown-task", "FallBack")))).unknownTask());
        assertSame(TASK, COMMANDS.adjust(TASK, solve("arc", Map.of())));
        assertEquals("other", COMMANDS.adjust("other", solve("arc", Map.of("--unknown-task", "fallback"))));
    }

    @Test
    void onlyTheArcHeadReadsADirectoryAndSubmissionNeedsOne() {
        Path file = dir.resolve("puzzles.csv");
        assertEquals(dir + " is a directory: only the arc head reads a directory of task files", assertThrows(
                UsageException.class, () -> COMMANDS.check(eval("sudoku", dir, Map.of()))).getMessage());
        assertEquals("--submission needs the arc head and a directory of task files", assertThrows(UsageException.class,
                () -> COMMANDS.check(eval("sudoku", file, Map.of("--submission", "s.json")))).getMessage());
        assertEquals("the arc head reads a directory of task files (*.json), not " + file, assertThrows(
                UsageException.class, () -> COMMANDS.check(eval("arc", file, Map.of()))).getMessage());
        assertDoesNotThrow(() -> COMMANDS.check(eval("sudoku", file, Map.of())));
        assertDoesNotThrow(() -> COMMANDS.check(eval("arc", dir, Map.of("--submission", "s.json"))));
        assertTrue(COMMANDS.readsCases(eval("arc", dir, Map.of())));
        assertFalse(COMMANDS.readsCases(eval("arc", file, Map.of())));
    }
}
