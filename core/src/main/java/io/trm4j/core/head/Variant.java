package io.trm4j.core.head;

import io.trm4j.core.loop.RowResult;
import io.trm4j.core.loop.StepRecord;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An input equivalent to another under the task's symmetries (a Sudoku with its digits relabelled
 * and its rows, columns, bands and stacks permuted), with the maps that bring the model's answer
 * to the variant back to the original's positions and tokens. Search {@code augment} runs the loop
 * on variants, maps their rows back with {@link #toOriginal} and decodes and verifies them against
 * the original input, so an answer never reaches the caller in the variant's frame.
 *
 * @param input          the variant, in the head's input type
 * @param sourcePosition for each position of the original row, the variant row's position that holds it
 * @param tokenBack      for each token of the vocabulary, the original token it stands for in the variant
 */
public record Variant<I>(I input, int[] sourcePosition, int[] tokenBack) {
    public Variant {
        requireNonNull(input, "input is null");
        sourcePosition = checkPermutation(requireNonNull(sourcePosition, "sourcePosition is null"), "sourcePosition");
        tokenBack = checkPermutation(requireNonNull(tokenBack, "tokenBack is null"), "tokenBack");
    }

    @Override
    public int[] sourcePosition() {
        return sourcePosition.clone();
    }

    @Override
    public int[] tokenBack() {
        return tokenBack.clone();
    }

    /** The variant's row result in the original's frame: positions and tokens (logits, argmax, trace) mapped back. */
    public RowResult toOriginal(RowResult row) {
        int positions = sourcePosition.length;
        int vocab = tokenBack.length;
        if (row.argmax().length != positions || row.logits().length != positions * vocab) {
            throw new IllegalArgumentException("row of " + row.argmax().length + " positions x "
                    + row.logits().length / Math.max(1, row.argmax().length) + " tokens does not fit a variant of "
                    + positions + " positions x " + vocab + " tokens");
        }
        float[] logits = new float[positions * vocab];
        float[] from = row.logits();
        for (int p = 0; p < positions; p++) {
            int src = sourcePosition[p] * vocab;
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
            out[p] = tokenBack[variantTokens[sourcePosition[p]]];
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
