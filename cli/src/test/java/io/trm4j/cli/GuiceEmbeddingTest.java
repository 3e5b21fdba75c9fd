package io.trm4j.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmModule;
import io.trm4j.core.config.Setting;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.model.ModelCatalog;
import io.trm4j.core.testing.Fixtures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Embedding trm4j in a JVM service with Guice: the example docs/SERVICE.md shows. */
class GuiceEmbeddingTest {
    private static final String PUZZLE =
            "..............1..2.34....5.........1....3..6.2....7......4..73...8......1.2..9...";

    @Test
    @SuppressWarnings("unchecked")
    void solvesWithTheTokensHeadThroughTrmModule() {
        TrmConfig config = TrmConfig.of(Fixtures.dir(Fixtures.ATTN).toString()).with(Setting.HEAD, "tokens")
                .with(Setting.THREADS, 1);
        Injector injector = Guice.createInjector(new TrmModule(config));
        // Both heads are on the classpath (ServiceLoader); the injector knows them all.
        HeadRegistry heads = injector.getInstance(HeadRegistry.class);
        assertTrue(heads.names().containsAll(java.util.List.of("sudoku", "tokens")), heads.names().toString());
        try (Reasoner<Object, Object> r = (Reasoner<Object, Object>) injector.getInstance(
                Key.get(new TypeLiteral<Reasoner<?, ?>>() { }))) {
            assertEquals("tokens", r.head().name());
            Reasoning<Object> res = r.reasonText("7 4 4 7 3 2 2 3 6 4 6 2 2 4 4 7");
            assertEquals(16, res.steps());
            assertEquals(Verdict.Status.UNVERIFIED, res.verdict().status());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void sudokuHeadResolvesAndSolvesWhenAModelIsBundled() {
        HeadRegistry heads = Guice.createInjector(new io.trm4j.core.head.HeadsModule()).getInstance(HeadRegistry.class);
        TaskHead<Object, Object> sudoku = (TaskHead<Object, Object>) heads.get("sudoku");
        Object puzzle = sudoku.parse(PUZZLE);
        assertEquals(PUZZLE.replace('.', '0').length(), 81);
        assertThrows(InvalidInputException.class, () -> sudoku.parse("12"));
        assertTrue(puzzle != null);

        Assumptions.assumeTrue(ModelCatalog.systemCatalog().find("sudoku").isPresent(),
                "no bundled sudoku model yet: solving through Guice is skipped");
        Injector injector = Guice.createInjector(new TrmModule(TrmConfig.of("sudoku").with(Setting.THREADS, 1)));
        try (Reasoner<Object, Object> r = (Reasoner<Object, Object>) injector.getInstance(
                Key.get(new TypeLiteral<Reasoner<?, ?>>() { }))) {
            assertEquals("sudoku", r.head().name());
            Reasoning<Object> res = r.reason(puzzle);
            assertTrue(res.steps() >= 1);
        }
    }
}
