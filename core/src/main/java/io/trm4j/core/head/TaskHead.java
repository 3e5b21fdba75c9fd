package io.trm4j.core.head;

import com.fasterxml.jackson.databind.JsonNode;
import io.trm4j.core.TrmException;
import io.trm4j.core.eval.EvalCase;
import io.trm4j.core.loop.RowResult;
import io.trm4j.core.model.ModelInfo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A task plugin: turns a puzzle into rows of tokens and the rows' results back into an answer,
 * checks the answer when the task allows it, and speaks the task's usual text formats.
 * Implementations are stateless and thread-safe.
 *
 * @param <I> the puzzle type
 * @param <O> the answer type
 */
public interface TaskHead<I, O> {
    /** The name manifests and the CLI use, e.g. {@code sudoku}. */
    String name();

    Class<I> inputType();

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

    /**
     * The puzzle was read from a file named {@code fileName} (no directory). Heads whose puzzles
     * have an identity the model knows them by (an ARC task id) take it from the file name when
     * the text has none; by default the input is returned unchanged.
     */
    default I withSourceName(I input, String fileName) {
        return input;
    }

    /**
     * Whether {@code output} equals the expected answer given in the task's text form (evaluation
     * files). By default the compact renderings are compared, ignoring surrounding whitespace.
     */
    default boolean matchesExpected(I input, O output, String expected) {
        return render(output, RenderStyle.COMPACT).equals(expected.strip());
    }

    /**
     * Turns one record of a JSON-lines evaluation file into a case: the input and the expected
     * answer in the task's text forms ({@code where} and {@code group} are the reader's). A record
     * that is not a valid case throws {@link InvalidInputException}: the line is counted as invalid.
     * By default a head reads CSV evaluation files only and this throws a {@link TrmException} that
     * ends the evaluation.
     */
    default EvalCase evalCase(JsonNode record, String where, String group) {
        throw new TrmException("the " + name() + " head reads CSV evaluation files only "
                + "(question,answer columns), not JSON lines");
    }

    /**
     * Verified search ({@code io.trm4j.core.search}): whether {@code token} may stand at
     * {@code position} of the input's (single) row in an answer, given what the input fixes. Search
     * draws and commits only allowed tokens; a position where no token is allowed is not searched
     * (a Sudoku given, a maze wall). Sudoku: a blank cell and a digit no given of its row, column or
     * box holds. By default every token is allowed everywhere.
     */
    default boolean allows(I input, int position, int token, ModelInfo model) {
        return true;
    }

    /**
     * Search {@code augment}: a random variant of {@code input} under the task's symmetries, one the
     * model was trained to solve as well as the original (Sudoku: digits relabelled, rows within a
     * band, bands, columns within a stack and stacks permuted, maybe transposed), drawn from
     * {@code random}. By default the head has none and this throws a {@link TrmException}.
     */
    default Variant<I> variant(I input, SplittableRandom random, ModelInfo model) {
        throw new TrmException("the " + name() + " head has no symmetric variants of its puzzles, so search "
                + "'augment' does not apply to it (restarts does)");
    }

    /** Whether {@link #variant} is supported (search {@code augment} needs it). By default not. */
    default boolean hasVariants() {
        return false;
    }

    /** Whether {@link #commit} is supported (search {@code fill} needs it). By default not. */
    default boolean canCommit() {
        return false;
    }

    /**
     * Search {@code fill}: {@code input} with {@code token} fixed at {@code position} as if the puzzle
     * had given it (Sudoku: the blank becomes a given digit). Called only for an allowed token.
     */
    default I commit(I input, int position, int token) {
        throw new TrmException("the " + name() + " head cannot fix a cell's value in its input, so search "
                + "'fill' does not apply to it (sample and restarts do)");
    }
}
