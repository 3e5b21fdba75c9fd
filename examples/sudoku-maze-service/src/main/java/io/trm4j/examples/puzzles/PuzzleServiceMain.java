package io.trm4j.examples.puzzles;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.trm4j.core.Reasoning;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.TrmException;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sudoku.SudokuGrid;

import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Starts the service from a configuration file (default: {@value #DEFAULT_CONFIG} in the working
 * directory) and solves one Sudoku and one maze: {@code PuzzleServiceMain [config.properties]}.
 * System properties ({@code -Dtrm.models.maze.provider=cuda}) and {@code TRM_*} variables go
 * above the file, as everywhere in trm4j.
 */
public final class PuzzleServiceMain {
    static final String SUDOKU =
            "......95....64..7......7.1..38.15..25..87..6...72.....7...5...9.5.....2.3.94.....";
    static final String MAZE = """
            ###############
            #   #         #
            # ##### #######
            # #   #       #
            # # # # ##### #
            #   # #     # #
            ##### # ##### #
            #   # # #     #
            ### # # # #####
            #   # # #     #
            # ### # ##### #
            #S#   #   #G  #
            # # ####### # #
            #           # #
            ###############
            """;

    static final String DEFAULT_CONFIG = "puzzles.properties";

    private PuzzleServiceMain() {
    }

    public static void main(String[] args) {
        try {
            run(TrmConfig.from(Path.of(args.length > 0 ? args[0] : DEFAULT_CONFIG)));
        } catch (TrmException e) {
            fail(e.getMessage());
        } catch (CreationException e) { // models that would not load: Guice wraps each message
            fail(e.getErrorMessages().stream()
                    .map(m -> m.getCause() != null ? m.getCause().getMessage() : m.getMessage())
                    .distinct().collect(Collectors.joining("\npuzzle service: ")));
        }
    }

    /** A bad config is the user's to fix: one line, no stack trace. */
    private static void fail(String message) {
        System.err.println("puzzle service: " + message);
        System.exit(2);
    }

    static void run(TrmConfig config) {
        // PRODUCTION: the singleton reasoners load with the injector, so a bad config fails at startup.
        Injector injector = Guice.createInjector(Stage.PRODUCTION, new PuzzleModule(config));
        try (PuzzleService service = injector.getInstance(PuzzleService.class)) {
            Reasoning<SudokuGrid> sudoku = service.solveSudoku(SUDOKU);
            System.out.println("sudoku " + sudoku.answer().toCompact() + "  " + sudoku.verdict().status()
                    + " in " + sudoku.steps() + " steps");
            Reasoning<MazeSolution> maze = service.solveMaze(MAZE);
            System.out.println("maze " + maze.verdict().status() + " in " + maze.steps() + " steps, path of "
                    + maze.answer().marked() + " cells:");
            maze.answer().lines().forEach(line -> System.out.println("  " + line));
        }
    }
}
