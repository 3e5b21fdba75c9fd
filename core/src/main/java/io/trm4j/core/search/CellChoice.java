package io.trm4j.core.search;

import io.trm4j.core.head.AllowedTokens;
import io.trm4j.core.head.TaskHead;
import io.trm4j.core.model.ModelInfo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One position's allowed tokens, most probable first, with their probabilities: the softmax of the
 * final step's logits at a temperature, over the tokens the head allows there (renormalized).
 *
 * @param position the position in the row
 * @param tokens   allowed tokens, most probable first (ties: lower token first)
 * @param probs    their probabilities, summing to 1
 */
record CellChoice(int position, int[] tokens, double[] probs) {
    CellChoice {
        requireNonNull(tokens, "tokens is null");
        requireNonNull(probs, "probs is null");
        if (tokens.length == 0 || tokens.length != probs.length) {
            throw new IllegalArgumentException("need one probability per token, and at least one token");
        }
    }

    int best() {
        return tokens[0];
    }

    double confidence() {
        return probs[0];
    }

    /** The choice of {@code position}, or null when the head allows no token there. */
    static <I> CellChoice of(TaskHead<I, ?> head, ModelInfo model, I input, float[] logits, int position,
                             int vocab, double temperature) {
        int base = position * vocab;
        List<Integer> allowed = new ArrayList<>(vocab);
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < vocab; t++) {
            if (AllowedTokens.allowedBy(head, input, position, t, model)) {
                allowed.add(t);
                max = Math.max(max, logits[base + t]);
            }
        }
        if (allowed.isEmpty()) {
            return null;
        }
        double[] weight = new double[vocab];
        double sum = 0;
        for (int t : allowed) {
            weight[t] = Math.exp((logits[base + t] - max) / temperature);
            sum += weight[t];
        }
        Integer[] order = allowed.toArray(new Integer[0]);
        Arrays.sort(order, Comparator.comparingDouble((Integer t) -> -weight[t]).thenComparingInt(t -> t));
        int[] tokens = new int[order.length];
        double[] probs = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            tokens[i] = order[i];
            probs[i] = weight[order[i]] / sum;
        }
        return new CellChoice(position, tokens, probs);
    }

    /** The nucleus: the fewest most probable tokens holding at least {@code topP} of the mass, renormalized. */
    CellChoice nucleus(double topP) {
        double mass = 0;
        int keep = 0;
        while (keep < tokens.length && (keep == 0 || mass < topP - 1e-12)) {
            mass += probs[keep++];
        }
        if (keep == tokens.length) {
            return this;
        }
        double[] p = new double[keep];
        for (int i = 0; i < keep; i++) {
            p[i] = probs[i] / mass;
        }
        return new CellChoice(position, Arrays.copyOf(tokens, keep), p);
    }
}
