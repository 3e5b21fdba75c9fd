package io.trm4j.core.head;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Module;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.command.CommandKind;
import io.trm4j.core.head.command.HeadCommands;
import io.trm4j.core.head.command.HeadOption;
import io.trm4j.core.head.command.Invocation;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class HeadRegistryTest {
    @SuppressWarnings("unchecked")
    private static TaskHead<Object, Object> head(String name) {
        TaskHead<Object, Object> h = mock(TaskHead.class);
        when(h.name()).thenReturn(name);
        return h;
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        HeadRegistry r = new HeadRegistry(Map.of("c", head("c"), "a", head("a"), "b", head("b")));
        TrmException e = assertThrows(TrmException.class, () -> r.get("x"));
        assertEquals("unknown head 'x'; known heads: a, b, c", e.getMessage());
        assertEquals(List.of("a", "b", "c"), r.names());
    }

    @Test
    void headNameMustMatchItsBinding() {
        assertThrows(TrmException.class, () -> new HeadRegistry(Map.of("a", head("b"))));
    }

    /** A head module as a plugin writes it, wired through the map binder. */
    static final class EchoModule extends AbstractModule implements HeadModule {
        static final TaskHead<Object, Object> ECHO = head("echo");

        @Override
        protected void configure() {
            HeadModule.headBinder(binder()).addBinding("echo").toInstance(ECHO);
        }
    }

    @Test
    void headModulesAreWiredThroughTheMapBinder() {
        HeadRegistry r = Guice.createInjector(new HeadsModule(List.of(new EchoModule())))
                .getInstance(HeadRegistry.class);
        assertSame(EchoModule.ECHO, r.get("echo"));
    }

    @Test
    void noHeadsStillGivesARegistry() {
        HeadRegistry r = Guice.createInjector(new HeadsModule(List.of())).getInstance(HeadRegistry.class);
        TrmException e = assertThrows(TrmException.class, () -> r.get("sudoku"));
        assertEquals("unknown head 'sudoku'; known heads: none (is trm4j-heads on the classpath?)", e.getMessage());
    }

    @Test
    void verdictFactories() {
        assertEquals(Verdict.Status.SOLVED, Verdict.solved().status());
        assertEquals("bad", Verdict.unsolved("bad").detail());
        assertEquals(Verdict.Status.UNVERIFIED, Verdict.unverified("n/a").status());
        assertThrows(IllegalArgumentException.class, () -> new EncodedBatch(new long[][] {{1}, {1, 2}}, new long[2]));
        assertThrows(IllegalArgumentException.class, () -> new EncodedBatch(new long[0][], new long[0]));
    }

    /** What a head adds to the front-end commands, as a plugin binds it. */
    static final class EchoCommands implements HeadCommands {
        @Override
        public List<HeadOption> options() {
            return List.of(HeadOption.flag("--echo-twice", "Echo twice.", CommandKind.SOLVE));
        }

        @Override
        public void check(Invocation invocation) {
        }
    }

    @Test
    void headCommandsAreWiredThroughTheirMapBinder() {
        EchoCommands commands = new EchoCommands();
        Module echoCommands = binder -> HeadModule.commandsBinder(binder).addBinding("echo").toInstance(commands);
        HeadRegistry r = Guice.createInjector(new HeadsModule(List.of(new EchoModule(), echoCommands)))
                .getInstance(HeadRegistry.class);
        assertEquals(Map.of("echo", commands), r.commands());
        assertTrue(Guice.createInjector(new HeadsModule(List.of(new EchoModule()))).getInstance(HeadRegistry.class)
                .commands().isEmpty(), "a head without commands adds none");
    }

    @Test
    void commandsForAnUnknownHeadFail() {
        TrmException e = assertThrows(TrmException.class,
                () -> new HeadRegistry(Map.of("a", head("a")), Map.of("b", new EchoCommands())));
        assertEquals("commands bound for head 'b', which is not a known head", e.getMessage());
    }
}
