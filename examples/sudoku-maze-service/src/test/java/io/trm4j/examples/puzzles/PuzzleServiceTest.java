package io.trm4j.examples.puzzles;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.core.head.Verdict;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sudoku.SudokuGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service as its users run it: wired by Guice from a config file, on the bundled models. */
class PuzzleServiceTest {
    /** The solution of {@link PuzzleServiceMain#SUDOKU} (radcliffe Beginner, trm4j's README puzzle). */
    private static final String SUDOKU_SOLUTION =
            "471382956985641273263597418638915742592874361147263895724158639856739124319426587";

    @TempDir
    Path tmp;

    private Path config(String text) throws IOException {
        Path file = tmp.resolve("puzzles.properties");
        Files.writeString(file, text);
        return file;
    }

    /** The file alone: no system properties or environment of the build's JVM. */
    private static TrmConfig load(Path file) {
        return TrmConfig.builder().environment(Map.of()).systemProperties(Map.of()).file(file).build();
    }

    @Test
    void oneInjectorSolvesASudokuAndAMazeWithTwoModels() throws IOException {
        Path file = config("models.sudoku.path=sudoku\nmodels.sudoku.threads=1\nmodels.maze.path=maze\n"
                + "models.maze.threads=1\n");
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(load(file)));
        try (PuzzleService service = injector.getInstance(PuzzleService.class)) {
            Reasoning<SudokuGrid> sudoku = service.solveSudoku(PuzzleServiceMain.SUDOKU);
            assertEquals(Verdict.Status.SOLVED, sudoku.verdict().status(), sudoku.verdict().detail());
            assertEquals(SUDOKU_SOLUTION, sudoku.answer().toCompact());

            Reasoning<MazeSolution> maze = service.solveMaze(PuzzleServiceMain.MAZE);
            assertEquals(Verdict.Status.SOLVED, maze.verdict().status(), maze.verdict().detail());
            // The BFS shortest path of this maze has 13 cells between S and G.
            assertEquals(13, maze.answer().marked(), maze.answer().toCompact());
            assertEquals(15, maze.answer().cols());
        }
    }

    @Test
    void theProjectsConfigurationLoadsBothModels() {
        TrmConfig config = load(Path.of(PuzzleServiceMain.DEFAULT_CONFIG));
        assertEquals("sudoku", config.model("sudoku").model());
        assertEquals("maze", config.model("maze").model());
    }

    @Test
    void aModelForTheWrongHeadFailsAtStartupNamingBoth() throws IOException {
        Path file = config("models.sudoku.path=maze\nmodels.sudoku.head=sudoku\nmodels.sudoku.threads=1\n"
                + "models.maze.path=maze\nmodels.maze.threads=1\n");
        TrmConfig config = load(file);
        // Stage.PRODUCTION creates the singleton reasoners with the injector: a bad model fails here.
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(config)));
        assertTrue(e.getMessage().contains("the sudoku head cannot use this model"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Path file = config("models.sudoku.path=sudoku\nmodels.maze.path=maze\nmodels.maze.thread=1\n");
        TrmException e = assertThrows(TrmException.class, () -> load(file));
        assertTrue(e.getMessage().startsWith("unknown key 'models.maze.thread' in " + file + " line 3; did you mean "
                + "'models.maze.threads'?"), e.getMessage());
    }

    @Test
    void aMissingModelIsAnErrorNamingIt() throws IOException {
        Path file = config("models.sudoku.path=sudoku\n");
        TrmConfig config = load(file);
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(config)));
        assertTrue(e.getMessage().contains("Reasoner<Maze, MazeSolution> annotated with @Named(\"maze\")"),
                e.getMessage());
    }

    @Test
    void aSectionWithAModelForAnotherHeadFailsAtStartup() throws IOException {
        // The maze section now loads the Sudoku model: the service's typed maze reasoner is missing.
        Path file = config("models.sudoku.path=sudoku\nmodels.maze.path=sudoku\nthreads=1\n");
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(load(file))));
        assertTrue(e.getMessage().contains("Reasoner<Maze, MazeSolution> annotated with @Named(\"maze\")"),
                e.getMessage());
    }
}
