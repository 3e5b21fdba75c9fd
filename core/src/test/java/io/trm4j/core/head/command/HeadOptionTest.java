package io.trm4j.core.head.command;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeadOptionTest {
    @Test
    void aFlagHasNoValueAndAnOptionOne() {
        HeadOption flag = HeadOption.flag("--baseline", "No model.", CommandKind.SOLVE, CommandKind.EVAL);
        assertTrue(flag.isFlag());
        assertEquals(Set.of(CommandKind.SOLVE, CommandKind.EVAL), flag.commands());
        HeadOption value = HeadOption.value("--submission", "FILE", "Also write it.", CommandKind.EVAL);
        assertFalse(value.isFlag());
        assertEquals("FILE", value.paramLabel());
    }

    @Test
    void badDeclarationsSayWhatIsWrong() {
        assertEquals("option name must look like --lower-case-words, got 'baseline'",
                assertThrows(IllegalArgumentException.class,
                        () -> HeadOption.flag("baseline", "x", CommandKind.SOLVE)).getMessage());
        assertEquals("--x: the description is blank", assertThrows(IllegalArgumentException.class,
                () -> HeadOption.flag("--x", " ", CommandKind.SOLVE)).getMessage());
        assertEquals("--x: no command takes the option", assertThrows(IllegalArgumentException.class,
                () -> new HeadOption("--x", null, "d", Set.of())).getMessage());
        assertEquals("--x: the parameter label is blank (null for a flag)", assertThrows(IllegalArgumentException.class,
                () -> new HeadOption("--x", "", "d", Set.of(CommandKind.EVAL))).getMessage());
    }

    @Test
    void anInvocationAnswersForTheOptionsGiven() {
        Invocation i = new Invocation(CommandKind.EVAL, null, null, Path.of("f.csv"), false, false, false,
                Map.of("--submission", "out.json"));
        assertTrue(i.has("--submission"));
        assertEquals("out.json", i.value("--submission"));
        assertFalse(i.has("--baseline"));
        assertNull(i.value("--baseline"));
        Invocation named = i.withHead("arc");
        assertEquals("arc", named.head());
        assertEquals(i.given(), named.given());
    }
}
