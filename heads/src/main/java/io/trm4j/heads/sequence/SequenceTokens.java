package io.trm4j.heads.sequence;

import java.util.List;

/**
 * The sequence tokenization, mirroring {@code export-scripts/trm/sequence.py} exactly (vocab 16,
 * seq_len 120 = 15 slots x 8 tokens):
 * <pre>
 *   0 pad, 1 '?' (to predict), 2 '+', 3 '-', 4..13 digits 0..9, 14 '_' (empty answer slot), 15 ',' (unused)
 * </pre>
 * A term is its sign ({@code +} for zero and positives) and 7 digits, right-aligned with leading
 * zeros. The given terms fill slots 0..11 right-aligned (the last given term is slot 11, leading
 * unused slots are all pad); slots 12..14 are the answer region: the k terms to predict are 8
 * {@code ?} each, unused answer slots 8 {@code _} each.
 */
final class SequenceTokens {
    static final int PAD = 0;
    static final int ASK = 1;
    static final int PLUS = 2;
    static final int MINUS = 3;
    static final int DIGIT0 = 4;
    static final int EMPTY = 14;
    static final int VOCAB = 16;
    static final int SLOTS = 15;
    static final int SLOT_LEN = 8;
    static final int DIGITS = SLOT_LEN - 1;
    static final int GIVEN_SLOTS = 12;
    static final int SEQ_LEN = SLOTS * SLOT_LEN;
    /** How tokens read in messages: {@code .} is pad. */
    private static final String TOKEN_CHARS = ".?+-0123456789_,";

    private SequenceTokens() {
    }

    /** The token row of {@code input} (120 tokens). */
    static long[] encode(SequenceInput input) {
        long[] row = new long[SEQ_LEN]; // leading unused given slots stay PAD
        List<Long> terms = input.terms();
        int first = GIVEN_SLOTS - terms.size();
        for (int i = 0; i < terms.size(); i++) {
            writeTerm(row, first + i, terms.get(i));
        }
        for (int s = GIVEN_SLOTS; s < SLOTS; s++) {
            long token = s < GIVEN_SLOTS + input.k() ? ASK : EMPTY;
            java.util.Arrays.fill(row, s * SLOT_LEN, (s + 1) * SLOT_LEN, token);
        }
        return row;
    }

    private static void writeTerm(long[] row, int slot, long value) {
        int at = slot * SLOT_LEN;
        row[at] = value < 0 ? MINUS : PLUS;
        long v = Math.abs(value);
        for (int d = DIGITS; d >= 1; d--) {
            row[at + d] = DIGIT0 + v % 10;
            v /= 10;
        }
    }

    /**
     * Reads answer {@code answer} (0-based) from a predicted row: a sign then 7 digits is a number,
     * anything else is reported, naming the first position that is not what it must be.
     */
    static PredictedTerm decodeAnswer(int[] predicted, int answer) {
        int at = (GIVEN_SLOTS + answer) * SLOT_LEN;
        String text = text(predicted, at, SLOT_LEN);
        int sign = predicted[at];
        if (sign != PLUS && sign != MINUS) {
            return PredictedTerm.invalid(text, "answer " + (answer + 1) + " is not a number: the model wrote '" + text
                    + "' (" + positionName(at) + " is " + describe(sign) + ", not + or -)");
        }
        long value = 0;
        for (int d = 1; d <= DIGITS; d++) {
            int t = predicted[at + d];
            if (t < DIGIT0 || t > DIGIT0 + 9) {
                return PredictedTerm.invalid(text, "answer " + (answer + 1) + " is not a number: the model wrote '"
                        + text + "' (" + positionName(at + d) + " is " + describe(t) + ", not a digit)");
            }
            value = value * 10 + (t - DIGIT0);
        }
        return PredictedTerm.number(sign == MINUS ? -value : value, text);
    }

    /** Tokens {@code [from, from + n)} of a row as text, e.g. {@code +0000032}. */
    static String text(int[] tokens, int from, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = from; i < from + n; i++) {
            sb.append(tokenChar(tokens[i]));
        }
        return sb.toString();
    }

    /** A token in words: {@code the digit 2}, {@code '?'}, {@code pad}. */
    static String describe(int token) {
        if (token >= DIGIT0 && token <= DIGIT0 + 9) {
            return "the digit " + (token - DIGIT0);
        }
        return token == PAD ? "pad" : "'" + tokenChar(token) + "'";
    }

    static char tokenChar(int token) {
        return token >= 0 && token < TOKEN_CHARS.length() ? TOKEN_CHARS.charAt(token) : '#';
    }

    /**
     * A position's name: slots 0..11 are {@code given1..given12} (right-aligned: with n given terms
     * the first is {@code given(13-n)}), slots 12..14 {@code answer1..answer3}; within a slot
     * {@code sign}, then {@code digit1} (millions) to {@code digit7} (units).
     */
    static String positionName(int index) {
        if (index < 0 || index >= SEQ_LEN) {
            return Integer.toString(index);
        }
        int slot = index / SLOT_LEN;
        int pos = index % SLOT_LEN;
        String slotName = slot < GIVEN_SLOTS ? "given" + (slot + 1) : "answer" + (slot - GIVEN_SLOTS + 1);
        return slotName + "." + (pos == 0 ? "sign" : "digit" + pos);
    }
}
