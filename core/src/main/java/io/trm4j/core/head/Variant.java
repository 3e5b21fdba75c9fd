package io.trm4j.core.head;

import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An input equivalent to another under the task's symmetries (a Sudoku with its digits relabelled
 * and its rows, columns, bands and stacks permuted), with the maps that bring the model's answer
 * to the variant back to the original's positions and tokens. Search {@code augment} runs the loop
 * on variants, maps their rows back with {@link #toOriginal} and decodes and verifies them against
 * the original input, so an answer never reaches the caller in the variant's frame.
 *
 * <p>The token map may differ between positions ({@link #perPosition}): a sequence shifted by a
 * constant has its terms' residues shifted but its differences' residues unchanged.
 *
 * @param input          the variant, in the head's input type
 * @param sourcePosition for each position of the original row, the variant row's position that holds it
 * @param tokenBackAt    for each position of the original row, for each token of the vocabulary, the
 *                       original token it stands for in the variant
 */
public record Variant<I>(I input, int[] sourcePosition, int[][] tokenBackAt) {
    public Variant {
        requireNonNull(input, "input is null");
        sourcePosition = checkPermutation(requireNonNull(sourcePosition, "sourcePosition is null"), "sourcePosition");
        requireNonNull(tokenBackAt, "tokenBackAt is null");
        if (tokenBackAt.length != sourcePosition.length) {
            throw new IllegalArgumentException("tokenBackAt has " + tokenBackAt.length + " maps for "
                    + sourcePosition.length + " positions");
        }
        int[][] checked = new int[tokenBackAt.length][];
        int[] last = null;
        for (int p = 0; p < tokenBackAt.length; p++) {
            // positions sharing one map share one checked copy
            checked[p] = p > 0 && tokenBackAt[p] == last ? checked[p - 1]
                    : checkPermutation(requireNonNull(tokenBackAt[p], "tokenBackAt[" + p + "] is null"), "tokenBackAt[" + p + "]");
            if (checked[p].length != checked[0].length) {
                throw new IllegalArgumentException("tokenBackAt[" + p + "] maps " + checked[p].length
                        + " tokens, tokenBackAt[0] " + checked[0].length);
            }
            last = tokenBackAt[p];
        }
        tokenBackAt = checked;
    }

    /** A variant whose token map is the same at every position. */
    public Variant(I input, int[] sourcePosition, int[] tokenBack) {
        this(input, sourcePosition, everywhere(requireNonNull(tokenBack, "tokenBack is null"),
                requireNonNull(sourcePosition, "sourcePosition is null").length));
    }

    /** A variant whose token map depends on the position ({@code tokenBackAt[p]} for original position p). */
    public static <I> Variant<I> perPosition(I input, int[] sourcePosition, int[][] tokenBackAt) {
        return new Variant<>(input, sourcePosition, tokenBackAt);
    }

    @Override
    public int[] sourcePosition() {
        return sourcePosition.clone();
    }

    @Override
    public int[][] tokenBackAt() {
        int[][] out = new int[tokenBackAt.length][];
        for (int p = 0; p < out.length; p++) {
            out[p] = tokenBackAt[p].clone();
        }
        return out;
    }

    private static int[][] everywhere(int[] map, int positions) {
        int[][] out = new int[positions][];
        Arrays.fill(out, map);
        return out;
    }

    /** The variant's row result in the original's frame: positions and tokens (logits, argmax, trace) mapped back. */
    public RowResult toOriginal(RowResult row) {
        int positions = sourcePosition.length;
        int vocab = tokenBackAt.length == 0 ? 0 : tokenBackAt[0].length;
        if (row.argmax().length != positions || row.logits().length != positions * vocab) {
            throw new IllegalArgumentException("row of " + row.argmax().length + " positions x "
                    + row.logits().length / Math.max(1, row.argmax().length) + " tokens does not fit a variant of "
                    + positions + " positions x " + vocab + " tokens");
        }
        float[] logits = new float[positions * vocab];
        float[] from = row.logits();
        for (int p = 0; p < positions; p++) {
            int src = sourcePosition[p] * vocab;
            int[] tokenBack = tokenBackAt[p];
            for (int t = 0; t < vocab; t++) {
                logits[p * vocab + tokenBack[t]] = from[src + t];
            }
        }
        List<StepRecord> trace = new ArrayList<>(row.trace().size());
        for (StepRecord s : row.trace()) {
            trace.add(new StepRecord(s.step(), tokens(s.prediction()), s.confidence()));
        }
        return new RowResult(logits, tokens(row.argmax()), row.confidence(), row.steps(), row.haltReason(), trace);
    }

    private int[] tokens(int[] variantTokens) {
        int[] out = new int[sourcePosition.length];
        for (int p = 0; p < out.length; p++) {
            out[p] = tokenBackAt[p][variantTokens[sourcePosition[p]]];
        }
        return out;
    }

    private static int[] checkPermutation(int[] map, String name) {
        boolean[] seen = new boolean[map.length];
        for (int i = 0; i < map.length; i++) {
            int v = map[i];
            if (v < 0 || v >= map.length || seen[v]) {
                throw new IllegalArgumentException(name + " is not a permutation of 0.." + (map.length - 1)
                        + ": " + v + " at " + i);
            }
            seen[v] = true;
        }
        return map.clone();
    }
}
