package io.trm4j.heads.sequence;

import io.trm4j.core.head.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The symmetries of a sequence that search {@code augment} solves instead of the original:
 * negation ({@code -a}) and a shift by a constant ({@code a + c}), alone or together. In the
 * residue encoding ({@link SequenceTokens}) both are permutations of each channel's residues, so
 * the model's answer to the variant maps back to the original exactly: the terms' residues by
 * {@code r -> s r + c}, the differences' residues (which a shift leaves alone) by {@code r -> s r}.
 * What the model answers for the variant is a second opinion, no more: it is checked against the
 * original's held-out terms like any answer ({@link LeaveOneOut}).
 */
final class SequenceSymmetry {
    /** Shifts are drawn from {@code -MAX_SHIFT..MAX_SHIFT} (not 0): small, like the constants of the training families. */
    static final int MAX_SHIFT = 9;

    private SequenceSymmetry() {
    }

    /** A random non-identity symmetry of {@code input}: negation, a shift, or both; negation alone where a shift would leave the terms' range. */
    static Variant<SequenceInput> draw(SequenceInput input, SequenceLayout layout, SplittableRandom random) {
        int kind = random.nextInt(3); // 0 negate, 1 shift, 2 both
        int shift = 0;
        if (kind > 0) {
            shift = 1 + random.nextInt(MAX_SHIFT);
            shift = random.nextBoolean() ? shift : -shift;
        }
        boolean negate = kind != 1;
        if (!fits(input, negate, shift)) {
            return of(input, layout, true, 0);
        }
        return of(input, layout, negate, shift);
    }

    /** The variant {@code s a + shift} of {@code input} (s = -1 when {@code negate}). */
    static Variant<SequenceInput> of(SequenceInput input, SequenceLayout layout, boolean negate, long shift) {
        if (!negate && shift == 0) {
            throw new IllegalArgumentException("the identity is not a variant");
        }
        if (!fits(input, negate, shift)) {
            throw new IllegalArgumentException("shifting by " + shift + " takes a term out of range");
        }
        SequenceInput variant = new SequenceInput(map(input.terms(), negate, shift), input.k(),
                map(input.expected(), negate, shift), input.modelOnly());
        int[] terms = tokenBack(layout.vocab(), negate, shift);
        int[] differences = shift == 0 ? terms : tokenBack(layout.vocab(), negate, 0);
        int[] sourcePosition = new int[layout.seqLen()];
        int[][] tokenBackAt = new int[layout.seqLen()][];
        for (int p = 0; p < sourcePosition.length; p++) {
            sourcePosition[p] = p;
            tokenBackAt[p] = p < SequenceTokens.LEVEL_LEN ? terms : differences;
        }
        return Variant.perPosition(variant, sourcePosition, tokenBackAt);
    }

    /** For each token, the original token it stands for: residue r' of channel c stands for s (r' - shift) mod m. */
    private static int[] tokenBack(int vocab, boolean negate, long shift) {
        int[] back = new int[vocab];
        for (int t = 0; t < vocab; t++) {
            back[t] = t;
        }
        for (int c = 0; c < SequenceTokens.CHANNELS; c++) {
            int m = SequenceTokens.modulus(c);
            for (int r = 0; r < m; r++) {
                long original = negate ? -(r - shift) : r - shift;
                back[SequenceTokens.residueToken(c, r)] = SequenceTokens.residueToken(c, Math.floorMod(original, m));
            }
        }
        return back;
    }

    private static boolean fits(SequenceInput input, boolean negate, long shift) {
        for (long t : input.terms()) {
            if (Math.abs((negate ? -t : t) + shift) >= SequenceInput.GIVEN_LIMIT) {
                return false;
            }
        }
        for (long t : input.expected()) {
            if (Math.abs((negate ? -t : t) + shift) >= SequenceInput.ANSWER_LIMIT) {
                return false;
            }
        }
        return true;
    }

    private static List<Long> map(List<Long> values, boolean negate, long shift) {
        List<Long> out = new ArrayList<>(values.size());
        for (long v : values) {
            out.add((negate ? -v : v) + shift);
        }
        return out;
    }
}
