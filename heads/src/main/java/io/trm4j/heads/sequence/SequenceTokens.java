package io.trm4j.heads.sequence;

import java.util.Arrays;
import java.util.List;
import java.util.StringJoiner;

/**
 * The sequence tokenization, mirroring {@code export-scripts/trm/sequence_rns.py} exactly: each
 * term is written as its residues modulo nine pairwise coprime moduli (a residue number system),
 * one token per residue; seq_len 135 = 15 slots x 9 channels, vocab 123:
 * <pre>
 *   0 pad, 1 '_' (empty answer slot),
 *   2 + c                '?' in channel c: the residue modulo MODULI[c] to predict
 *   11 + OFFSET[c] + r   the residue r of a term modulo MODULI[c]
 * </pre>
 * The given terms fill slots 0..11 right-aligned (the last given term is slot 11, leading unused
 * slots are all pad); slots 12..14 are the answer region: the k terms to predict are the 9
 * channels' {@code ?} each, unused answer slots 9 {@code _} each. An answer is read back by the Chinese remainder
 * theorem; the moduli's product (about 2.7e9) is far above the answer range, so residues that
 * contradict each other name a value out of range: {@link #decodeAnswer} reports them, and
 * {@link ResidueReader} reads the model's distributions for residues that agree.
 *
 * <p>A model of layout {@link SequenceLayout#TERMS_AND_DIFFERENCES} ({@code trm/sequence_diffs.py})
 * reads two more grids of the same shape after this one: level d holds the d-th differences of
 * the sequence (d = 1, 2), in the slots where the terms they need are given (else pad); its answer
 * slots are {@code ?} tokens of their own, {@code FIRST_LEVEL_ASK + 9 (d - 1) + c}.
 */
final class SequenceTokens {
    private static final int[] MODULI = {5, 7, 8, 9, 11, 13, 17, 19, 23};
    static final int CHANNELS = MODULI.length;
    static final int PAD = 0;
    static final int EMPTY = 1;
    /** The '?' of channel c is {@code FIRST_ASK + c}. */
    static final int FIRST_ASK = 2;
    static final int FIRST_RESIDUE = FIRST_ASK + CHANNELS;
    static final int VOCAB = FIRST_RESIDUE + Arrays.stream(MODULI).sum();
    static final int SLOTS = 15;
    static final int GIVEN_SLOTS = 12;
    /** The length of one level's grid, and of the whole row of a {@link SequenceLayout#TERMS} model. */
    static final int SEQ_LEN = SLOTS * CHANNELS;
    static final int LEVEL_LEN = SEQ_LEN;
    /** The '?' of channel c in the answer slots of difference level d (1, 2) is {@code FIRST_LEVEL_ASK + 9 (d - 1) + c}. */
    static final int FIRST_LEVEL_ASK = VOCAB;
    /** The first token id of each channel's residues. */
    private static final int[] FIRST_TOKEN = new int[CHANNELS];
    private static final long PRODUCT;
    /** The CRT basis: the integer that is 1 mod MODULI[c] and 0 mod every other modulus. */
    private static final long[] BASIS = new long[CHANNELS];

    static {
        long product = 1;
        for (int c = 0, next = FIRST_RESIDUE; c < CHANNELS; next += MODULI[c], c++) {
            FIRST_TOKEN[c] = next;
            product *= MODULI[c];
        }
        PRODUCT = product;
        for (int c = 0; c < CHANNELS; c++) {
            long others = PRODUCT / MODULI[c];
            long inverse = java.math.BigInteger.valueOf(others).modInverse(java.math.BigInteger.valueOf(MODULI[c])).longValue();
            BASIS[c] = others * inverse % PRODUCT;
        }
    }

    private SequenceTokens() {
    }

    /** The token row of {@code input} in {@code layout} ({@code 135 x levels} tokens). */
    static long[] encode(SequenceInput input, SequenceLayout layout) {
        long[] row = new long[layout.seqLen()]; // given slots with nothing to show stay PAD
        long[] values = input.terms().stream().mapToLong(Long::longValue).toArray();
        for (int level = 0; level < layout.levels; level++) {
            int base = level * LEVEL_LEN;
            int first = GIVEN_SLOTS - values.length;
            for (int i = 0; i < values.length; i++) {
                int at = base + (first + i) * CHANNELS;
                for (int c = 0; c < CHANNELS; c++) {
                    row[at + c] = residueToken(c, Math.floorMod(values[i], MODULI[c]));
                }
            }
            int ask = level == 0 ? FIRST_ASK : FIRST_LEVEL_ASK + (level - 1) * CHANNELS;
            for (int s = GIVEN_SLOTS; s < SLOTS; s++) {
                for (int c = 0; c < CHANNELS; c++) {
                    row[base + s * CHANNELS + c] = s < GIVEN_SLOTS + input.k() ? ask + c : EMPTY;
                }
            }
            values = differences(values);
        }
        return row;
    }

    /** a(1) - a(0), a(2) - a(1), ...: one fewer, the last one in the same slot as a's last term. */
    private static long[] differences(long[] a) {
        long[] d = new long[Math.max(0, a.length - 1)];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i + 1] - a[i];
        }
        return d;
    }

    static int residueToken(int channel, long residue) {
        return FIRST_TOKEN[channel] + (int) residue;
    }

    /**
     * Reads answer {@code answer} (0-based) from a predicted row: nine residues, one per modulus,
     * that name one integer with {@code |a| < 10^7}; anything else is reported, naming what is
     * wrong (the first token that is not a residue of its modulus, or residues that disagree).
     */
    static PredictedTerm decodeAnswer(int[] predicted, int answer) {
        int at = (GIVEN_SLOTS + answer) * CHANNELS;
        String text = text(predicted, at, CHANNELS);
        int[] residues = new int[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            int t = predicted[at + c];
            residues[c] = t - FIRST_TOKEN[c];
            if (residues[c] < 0 || residues[c] >= MODULI[c]) {
                return PredictedTerm.invalid(text, "answer " + (answer + 1) + " is not a number: the model wrote '" + text
                        + "' (" + positionName(at + c, SequenceLayout.TERMS) + " is " + describe(t) + ", not a residue mod " + MODULI[c] + ")");
            }
        }
        long value = value(residues);
        if (!inRange(value)) {
            return PredictedTerm.invalid(text, "answer " + (answer + 1) + " is not a number: the residues the model wrote ('"
                    + text + "') disagree (they name no term with |a| < " + SequenceInput.ANSWER_LIMIT + ")");
        }
        return PredictedTerm.number(value, text);
    }

    /** The integer with these residues (one per channel, in range) nearest to 0 (CRT). */
    static long value(int[] residues) {
        long sum = 0;
        for (int c = 0; c < CHANNELS; c++) {
            sum = (sum + residues[c] * BASIS[c]) % PRODUCT;
        }
        return sum > PRODUCT / 2 ? sum - PRODUCT : sum;
    }

    /** Whether a value read by {@link #value} is an answer the model may write, |a| < 10^7. */
    static boolean inRange(long value) {
        return Math.abs(value) < SequenceInput.ANSWER_LIMIT;
    }

    static int modulus(int channel) {
        return MODULI[channel];
    }

    /** The residues of {@code value} as text, e.g. {@code 2%5 4%7 0%8 ...} (for answers that did not come from the model). */
    static String residueText(long value) {
        int[] tokens = new int[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            tokens[c] = residueToken(c, Math.floorMod(value, (long) MODULI[c]));
        }
        return text(tokens, 0, CHANNELS);
    }

    /** Tokens {@code [from, from + n)} of a row as text, e.g. {@code 2%5 4%7 0%8 ...}. */
    static String text(int[] tokens, int from, int n) {
        StringJoiner sj = new StringJoiner(" ");
        for (int i = from; i < from + n; i++) {
            sj.add(tokenText(tokens[i]));
        }
        return sj.toString();
    }

    /**
     * A token as text: {@code .} pad, {@code _}, {@code ?%m} a mask ({@code ?d1%m} that of a
     * difference level), {@code r%m} a residue, {@code #} unknown.
     */
    static String tokenText(int token) {
        if (token >= FIRST_LEVEL_ASK && token < SequenceLayout.TERMS_AND_DIFFERENCES.vocab()) {
            int k = token - FIRST_LEVEL_ASK;
            return "?d" + (k / CHANNELS + 1) + "%" + MODULI[k % CHANNELS];
        }
        if (token == PAD) {
            return ".";
        }
        if (token == EMPTY) {
            return "_";
        }
        if (token >= FIRST_ASK && token < FIRST_RESIDUE) {
            return "?%" + MODULI[token - FIRST_ASK];
        }
        for (int c = CHANNELS - 1; c >= 0; c--) {
            if (token >= FIRST_TOKEN[c]) {
                return token - FIRST_TOKEN[c] < MODULI[c] ? (token - FIRST_TOKEN[c]) + "%" + MODULI[c] : "#";
            }
        }
        return "#";
    }

    /** A token in words: {@code '3%5'}, {@code '?%7'}, {@code pad}. */
    static String describe(int token) {
        return token == PAD ? "pad" : "'" + tokenText(token) + "'";
    }

    /**
     * A position's name: slots 0..11 are {@code given1..given12} (right-aligned: with n given terms
     * the first is {@code given(13-n)}), slots 12..14 {@code answer1..answer3}; within a slot the
     * modulus, {@code mod5} to {@code mod23}. Positions of difference level d are prefixed
     * {@code d1.}, {@code d2.} (in a {@link SequenceLayout#TERMS_AND_DIFFERENCES} row).
     */
    static String positionName(int index, SequenceLayout layout) {
        if (index < 0 || index >= layout.seqLen()) {
            return Integer.toString(index);
        }
        int level = index / LEVEL_LEN;
        int slot = index % LEVEL_LEN / CHANNELS;
        String slotName = slot < GIVEN_SLOTS ? "given" + (slot + 1) : "answer" + (slot - GIVEN_SLOTS + 1);
        return (level > 0 ? "d" + level + "." : "") + slotName + ".mod" + MODULI[index % CHANNELS];
    }
}
