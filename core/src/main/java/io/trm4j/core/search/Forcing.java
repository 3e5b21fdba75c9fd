package io.trm4j.core.search;

import io.trm4j.core.loop.RowResult;

import java.util.Map;

/**
 * Writes chosen tokens into a row's result, so that the head decodes them as the model's answer:
 * at each chosen position the token's logit becomes {@link #HIGH} and every other {@link #LOW},
 * and the argmax is the token. Heads decode from the logits or the argmax; both agree after this.
 */
final class Forcing {
    static final float HIGH = 0f;
    static final float LOW = -30f;

    private Forcing() {
    }

    /** {@code row} with {@code tokens} (position -> token) forced; {@code row} itself when there are none. */
    static RowResult force(RowResult row, Map<Integer, Integer> tokens, int vocab) {
        if (tokens.isEmpty()) {
            return row;
        }
        float[] logits = row.logits().clone();
        int[] argmax = row.argmax().clone();
        tokens.forEach((position, token) -> {
            int base = position * vocab;
            for (int t = 0; t < vocab; t++) {
                logits[base + t] = t == token ? HIGH : LOW;
            }
            argmax[position] = token;
        });
        return new RowResult(logits, argmax, row.confidence(), row.steps(), row.haltReason(), row.trace());
    }
}
