package io.trm4j.examples.puzzles;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.trm4j.core.Reasoning;
import io.trm4j.core.head.Verdict;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sudoku.SudokuGrid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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

    @Test
    void oneInjectorSolvesASudokuAndAMazeWithTwoModels() throws IOException {
        Path file = config("sudoku.model=sudoku\nsudoku.threads=1\nmaze.model=maze\nmaze.threads=1\n");
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(PuzzleConfig.load(file)));
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
    void theBundledConfigurationLoadsBothModels() {
        PuzzleConfig config = PuzzleConfig.loadDefault();
        assertEquals("sudoku", config.sudoku().model());
        assertEquals("maze", config.maze().model());
    }

    @Test
    void aModelForTheWrongHeadFailsAtStartupNamingBoth() throws IOException {
        Path file = config("sudoku.model=maze\nsudoku.threads=1\nmaze.model=maze\nmaze.threads=1\n");
        PuzzleConfig config = PuzzleConfig.load(file);
        // Stage.PRODUCTION creates the singleton reasoners with the injector: a bad model fails here.
        CreationException e = assertThrows(CreationException.class,
                () -> Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(config)));
        assertTrue(e.getMessage().contains("the sudoku model 'maze' is a model for the maze head"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheFileAndTheKey() throws IOException {
        Path file = config("sudoku.model=sudoku\nmaze.model=maze\nmaze.thread=1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PuzzleConfig.load(file));
        assertTrue(e.getMessage().startsWith(file + ": unknown key 'maze.thread'; known keys: "), e.getMessage());
    }

    @Test
    void aMissingModelIsAnErrorNamingTheKey() throws IOException {
        Path file = config("sudoku.model=sudoku\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PuzzleConfig.load(file));
        assertEquals(file + ": maze.model is missing (a bundled model name or a model directory)", e.getMessage());
    }
}
