package io.trm4j.heads.sequence;

import java.util.Arrays;
import java.util.Optional;

/**
 * The two token layouts a sequence model may read, told apart by its seq_len and vocab_size:
 * <ul>
 *   <li>{@link #TERMS}: the terms' residue grid, 15 slots x 9 moduli (seq_len 135, vocab 123;
 *       {@code trm/sequence_rns.py});</li>
 *   <li>{@link #TERMS_AND_DIFFERENCES}: that grid followed by the same grid for the first and the
 *       second differences of the sequence (seq_len 405, vocab 141; {@code trm/sequence_diffs.py}).
 *       The differences add nothing the terms do not hold, but in them the rules that need three or
 *       four earlier terms (quadratics, cubics) become one- and two-term rules.</li>
 * </ul>
 * The answers are read from the terms' grid (level 0) in both.
 */
enum SequenceLayout {
    TERMS(1),
    TERMS_AND_DIFFERENCES(3);

    /** Level 0 holds the terms, level d their d-th differences. */
    final int levels;

    SequenceLayout(int levels) {
        this.levels = levels;
    }

    int seqLen() {
        return levels * SequenceTokens.LEVEL_LEN;
    }

    int vocab() {
        return SequenceTokens.FIRST_LEVEL_ASK + (levels - 1) * SequenceTokens.CHANNELS;
    }

    static Optional<SequenceLayout> of(int seqLen, int vocab) {
        return Arrays.stream(values()).filter(l -> l.seqLen() == seqLen && l.vocab() == vocab).findFirst();
    }

    /** The accepted shapes in words: {@code seq_len 135 and vocab_size 123, or 405 and 141}. */
    static String shapes() {
        return "seq_len " + TERMS.seqLen() + " and vocab_size " + TERMS.vocab() + ", or seq_len "
                + TERMS_AND_DIFFERENCES.seqLen() + " and vocab_size " + TERMS_AND_DIFFERENCES.vocab();
    }
}
