package io.trm4j.core.head;

import io.trm4j.core.model.ModelInfo;

import java.util.SplittableRandom;

/**
 * A head whose puzzles have symmetries the model was trained under, so that a variant can be
 * solved instead of the original and its answer mapped back: search {@code augment} needs it.
 *
 * @param <I> the puzzle type
 */
public interface SymmetricVariants<I> {
    /**
     * A random variant of {@code input}, one the model was trained to solve as well as the original
     * (Sudoku: digits relabelled, rows within a band, bands, columns within a stack and stacks
     * permuted, maybe transposed), drawn from {@code random}.
     */
    Variant<I> variant(I input, SplittableRandom random, ModelInfo model);

    /** {@code head} as a source of variants; callers check {@code instanceof} first. */
    @SuppressWarnings("unchecked")
    static <I> SymmetricVariants<I> of(TaskHead<I, ?> head) {
        if (head instanceof SymmetricVariants<?> variants) {
            return (SymmetricVariants<I>) variants;
        }
        throw new IllegalStateException("the " + head.name() + " head has no symmetric variants");
    }
}
