package io.trm4j.heads.maze;

import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.EncodedBatch;
import io.trm4j.core.head.ExpectedAnswers;
import io.trm4j.core.head.InvalidInputException;
import io.trm4j.core.head.RenderStyle;
import io.trm4j.core.head.SymmetricVariants;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.head.Variant;
import io.trm4j.core.head.Verdict;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Shortest path in a grid maze (TRM's Maze-Hard) with the official tokenization: pad 0, then
 * {@code '#'} 1, {@code ' '} 2, {@code 'S'} 3, {@code 'G'} 4, {@code 'o'} 5 (vocab 6). The model's
 * canvas is square (side = sqrt(seq_len)); a smaller maze sits at its top-left, the rest is pad.
 * Decoding marks an open cell {@code 'o'} when its most likely token is the path token and keeps
 * every wall, S and G of the input; {@link #verify} accepts only a shortest S-to-G path. Any model
 * with a square canvas and at least these 6 tokens is accepted (the manifest's {@code head} picks
 * this head); tokens past {@code 'o'} are never read as a path.
 */
public final class MazeHead implements TaskHead<Maze, MazeSolution>,
        ExpectedAnswers<Maze, MazeSolution>, AllowedTokens<Maze>, SymmetricVariants<Maze> {
    public static final String NAME = "maze";
    /** The cell characters in token order: token = index + 1, 0 is pad. */
    static final String CHARSET = "# SGo";
    static final int VOCAB = CHARSET.length() + 1;
    static final int PAD_TOKEN = 0;
    static final int PATH_TOKEN = CHARSET.indexOf(Maze.PATH) + 1;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Maze parse(String text) {
        return MazeParser.parse(text);
    }

    @Override
    public EncodedBatch encode(Maze input, ModelInfo model) {
        int side = canvasSide(model);
        if (input.rows() > side || input.cols() > side) {
            throw new InvalidInputException("the maze is " + input.rows() + " rows x " + input.cols()
                    + " columns, but model '" + model.name() + "' supports up to " + side + "x" + side);
        }
        long[] row = new long[side * side];
        for (int r = 0; r < input.rows(); r++) {
            for (int c = 0; c < input.cols(); c++) {
                row[r * side + c] = token(input.cell(r * input.cols() + c));
            }
        }
        return EncodedBatch.of(row); // the rest stays PAD_TOKEN
    }

    @Override
    public MazeSolution decode(Maze input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model) {
        int side = canvasSide(model);
        int[] predicted = rows.get(0).argmax();
        char[] cells = input.cells().toCharArray();
        for (int r = 0; r < input.rows(); r++) {
            for (int c = 0; c < input.cols(); c++) {
                int i = r * input.cols() + c;
                if (cells[i] == Maze.OPEN && predicted[r * side + c] == PATH_TOKEN) {
                    cells[i] = Maze.PATH;
                }
            }
        }
        return new MazeSolution(input.rows(), input.cols(), new String(cells));
    }

    @Override
    public Verdict verify(Maze input, MazeSolution output) {
        return MazePaths.verify(input, output);
    }

    /** Expected answers in any input form ('o' marks the path), e.g. the CSVs' one-line 169 characters. */
    @Override
    public boolean matchesExpected(Maze input, MazeSolution output, String expected) {
        MazeGrid grid = MazeParser.readGrid(expected);
        return grid.rows() == output.rows() && grid.cols() == output.cols() && grid.cells().equals(output.cells());
    }

    @Override
    public String render(MazeSolution output, RenderStyle style) {
        return MazeRenderer.render(output, style);
    }

    /** A canvas position as {@code r2c5}, from 1 (the maze sits at the top-left: its cells keep their names). */
    @Override
    public String positionName(int index, ModelInfo model) {
        int side = MazeParser.squareSide(model.seqLen());
        return side == 0 ? Integer.toString(index) : "r" + (index / side + 1) + "c" + (index % side + 1);
    }

    @Override
    public void checkModel(ModelInfo model) {
        canvasSide(model);
    }

    /**
     * Search: an open cell of the maze is on the path or not ({@code ' '} or {@code 'o'}); walls,
     * S, G and the canvas around the maze are fixed. Maze inputs have no way to give a path cell,
     * so search {@code fill} does not apply (sample and restarts do).
     */
    @Override
    public boolean allows(Maze input, int position, int token, ModelInfo model) {
        if (token != token(Maze.OPEN) && token != PATH_TOKEN) {
            return false;
        }
        int side = MazeParser.squareSide(model.seqLen());
        if (side <= 0) {
            return false;
        }
        int r = position / side;
        int c = position % side;
        return r < input.rows() && c < input.cols() && input.cell(r * input.cols() + c) == Maze.OPEN;
    }

    static int token(char cell) {
        return CHARSET.indexOf(cell) + 1;
    }

    @Override
    public Variant<Maze> variant(Maze input, SplittableRandom random, ModelInfo model) {
        return MazeSymmetry.draw(input, canvasSide(model), model.vocabSize(), random);
    }

    /** The side of the model's square canvas; fails for a model that cannot be a maze model. */
    static int canvasSide(ModelInfo model) {
        int side = MazeParser.squareSide(model.seqLen());
        if (side == 0 || model.vocabSize() < VOCAB) {
            throw new InvalidInputException("model '" + model.name() + "' is not a maze model: it has seq_len "
                    + model.seqLen() + " and vocab_size " + model.vocabSize() + " (a maze model has a square "
                    + "canvas, e.g. seq_len 169 = 13x13 or 900 = 30x30, and vocab_size 6)");
        }
        return side;
    }
}
