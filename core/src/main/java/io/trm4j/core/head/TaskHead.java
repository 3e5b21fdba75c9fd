package io.trm4j.core.head;

import io.trm4j.core.TrmException;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.List;

/**
 * A task plugin: turns a puzzle into rows of tokens and the rows' results back into an answer,
 * checks the answer when the task allows it, and speaks the task's usual text formats.
 * Implementations are stateless and thread-safe.
 *
 * <p>This is what every head has. What only some heads can do is a small interface of its own that
 * the head also implements, found with {@code instanceof} (as DJL composes its {@code Translator}):
 * {@link SourceNamedInputs}, {@link ExpectedAnswers} and {@link JsonLinesEvalCases} for evaluation
 * and file input; {@link AllowedTokens}, {@link SymmetricVariants} and {@link CommitCells} for search.
 *
 * @param <I> the puzzle type
 * @param <O> the answer type
 */
public interface TaskHead<I, O> {
    /** The name manifests and the CLI use, e.g. {@code sudoku}. */
    String name();

    /** Parses the task's usual text/JSON formats; throws {@link InvalidInputException} with the position. */
    I parse(String text);

    /**
     * Fails with a {@link TrmException} naming what does not fit when {@code model} cannot serve this
     * head (e.g. a maze model given to the Sudoku head). {@code Trm.load} calls it, so that a model
     * for another head fails when it is loaded, not at the first puzzle. By default any model fits.
     */
    default void checkModel(ModelInfo model) {
    }

    /** Rows of tokens (+ puzzle ids) for the model; usually one row. */
    EncodedBatch encode(I input, ModelInfo model);

    /** Maps the rows' results (same order as {@code encoded}) back to an answer. */
    O decode(I input, EncodedBatch encoded, List<RowResult> rows, ModelInfo model);

    Verdict verify(I input, O output);

    String render(O output, RenderStyle style);

    /**
     * How people name position {@code index} of a row (0-based), e.g. in {@code trm solve --trace}:
     * a Sudoku head says {@code r1c3}. By default the index itself.
     */
    default String positionName(int index, ModelInfo model) {
        return Integer.toString(index);
    }
}
