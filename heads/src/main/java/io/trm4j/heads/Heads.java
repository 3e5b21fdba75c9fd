package io.trm4j.heads;

import io.trm4j.core.head.HeadKey;
import io.trm4j.heads.arc.ArcAnswer;
import io.trm4j.heads.arc.ArcHead;
import io.trm4j.heads.arc.ArcTask;
import io.trm4j.heads.maze.Maze;
import io.trm4j.heads.maze.MazeHead;
import io.trm4j.heads.maze.MazeSolution;
import io.trm4j.heads.sequence.SequenceHead;
import io.trm4j.heads.sequence.SequenceInput;
import io.trm4j.heads.sequence.SequencePrediction;
import io.trm4j.heads.sudoku.SudokuGrid;
import io.trm4j.heads.sudoku.SudokuHead;
import io.trm4j.heads.sudoku.SudokuPuzzle;
import io.trm4j.heads.tokens.Tokens;
import io.trm4j.heads.tokens.TokensHead;

import java.util.List;

/**
 * The typed keys of the bundled heads: {@code Reasoner<SudokuPuzzle, SudokuGrid> r = Trm.load(Heads.SUDOKU)}
 * is checked by the compiler, and a model for another head fails when it is loaded.
 */
public final class Heads {
    public static final HeadKey<SudokuPuzzle, SudokuGrid> SUDOKU =
            HeadKey.of(SudokuHead.NAME, SudokuPuzzle.class, SudokuGrid.class);
    public static final HeadKey<Maze, MazeSolution> MAZE = HeadKey.of(MazeHead.NAME, Maze.class, MazeSolution.class);
    public static final HeadKey<SequenceInput, SequencePrediction> SEQUENCE =
            HeadKey.of(SequenceHead.NAME, SequenceInput.class, SequencePrediction.class);
    public static final HeadKey<ArcTask, ArcAnswer> ARC = HeadKey.of(ArcHead.NAME, ArcTask.class, ArcAnswer.class);
    public static final HeadKey<Tokens, Tokens> TOKENS = HeadKey.of(TokensHead.NAME, Tokens.class, Tokens.class);

    private Heads() {
    }

    /** Every key above. */
    public static List<HeadKey<?, ?>> all() {
        return List.of(SUDOKU, MAZE, SEQUENCE, ARC, TOKENS);
    }
}
