package io.trm4j.examples.puzzles;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Trm;
import io.trm4j.core.TrmConfig;
import io.trm4j.core.head.HeadRegistry;
import io.trm4j.core.head.HeadsModule;
import io.trm4j.heads.maze.Maze;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sudoku.SudokuGrid;
import io.trm4j.heads.sudoku.SudokuHead;
import io.trm4j.heads.sudoku.SudokuPuzzle;

import static java.util.Objects.requireNonNull;

/**
 * Wires the service: the task heads found on the classpath, and one reasoner per kind of puzzle,
 * loaded as the {@link PuzzleConfig} says. Whoever owns the injector closes {@link PuzzleService}
 * (which closes the reasoners) on shutdown.
 */
public final class PuzzleModule extends AbstractModule {
    private final PuzzleConfig config;

    public PuzzleModule(PuzzleConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    protected void configure() {
        install(new HeadsModule());
        bind(PuzzleConfig.class).toInstance(config);
    }

    @Provides
    @Singleton
    Reasoner<SudokuPuzzle, SudokuGrid> sudokuReasoner(PuzzleConfig cfg, HeadRegistry heads) {
        return load(cfg.sudoku(), SudokuHead.NAME, heads);
    }

    @Provides
    @Singleton
    Reasoner<Maze, MazeSolution> mazeReasoner(PuzzleConfig cfg, HeadRegistry heads) {
        return load(cfg.maze(), MazeHead.NAME, heads);
    }

    /**
     * The one unchecked step: {@code Trm.load} infers {@code <I, O>} from the assignment without a
     * check, so a configured model for another head would only fail at the first puzzle. Checking
     * the head's name here makes a wrong config fail at startup. (The typed API of issue 24 item 3,
     * {@code Trm.load(model, Heads.SUDOKU)}, makes this method a one-liner.)
     */
    private static <I, O> Reasoner<I, O> load(TrmConfig cfg, String head, HeadRegistry heads) {
        Reasoner<I, O> reasoner = Trm.load(cfg.model(), cfg.loadOptions(), heads);
        if (!reasoner.head().name().equals(head)) {
            String other = reasoner.head().name();
            reasoner.close();
            throw new IllegalArgumentException("the " + head + " model '" + cfg.model() + "' is a model for the "
                    + other + " head");
        }
        return reasoner;
    }
}
