package io.trm4j.examples.puzzles;

import com.google.inject.Inject;
import com.google.inject.name.Named;
import io.trm4j.core.Reasoner;
import io.trm4j.core.Reasoning;
import io.trm4j.heads.maze.Maze;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sudoku.SudokuGrid;
import io.trm4j.heads.sudoku.SudokuPuzzle;

import static java.util.Objects.requireNonNull;

/**
 * The service: solves Sudoku puzzles and mazes, each with its own model (the configuration's
 * {@code models.sudoku} and {@code models.maze}). Thread-safe (each reasoner serializes calls on its
 * native session). Closing it closes both models.
 */
public final class PuzzleService implements AutoCloseable {
    private final Reasoner<SudokuPuzzle, SudokuGrid> sudoku;
    private final Reasoner<Maze, MazeSolution> maze;

    @Inject
    public PuzzleService(@Named("sudoku") Reasoner<SudokuPuzzle, SudokuGrid> sudoku,
                         @Named("maze") Reasoner<Maze, MazeSolution> maze) {
        this.sudoku = requireNonNull(sudoku, "sudoku is null");
        this.maze = requireNonNull(maze, "maze is null");
    }

    /** An 81-character Sudoku ({@code .} or {@code 0} for a blank) or a 9-line grid. */
    public Reasoning<SudokuGrid> solveSudoku(String puzzle) {
        return sudoku.reasonText(puzzle);
    }

    /** A maze, one text line per row: {@code #} wall, space open, {@code S} start, {@code G} goal. */
    public Reasoning<MazeSolution> solveMaze(String mazeText) {
        return maze.reasonText(mazeText);
    }

    @Override
    public void close() {
        try {
            sudoku.close();
        } finally {
            maze.close();
        }
    }
}
