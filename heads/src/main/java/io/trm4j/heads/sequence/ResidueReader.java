package io.trm4j.heads.sequence;

import io.trm4j.core.head.RowResult;

import java.util.Arrays;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Reads an answer slot from the model's output. The nine residues the model wrote (its argmax)
 * are the answer when they name an integer in range. When they do not, one channel is usually off
 * while the model's distribution still ranks the right residue high: the answer is then the most
 * probable combination of residues (each channel's softmax over its own residues, channels taken
 * as independent) that names an integer in range, provided that combination has probability at
 * least {@link #MIN_PROBABILITY}; otherwise the slot stays "not a number", as written.
 *
 * <p>This is maximum-likelihood decoding of a redundant residue number system: the moduli's
 * product (2.7e9) is far above the answer range (2e7), so fewer than 1 in 100 residue
 * combinations name an answer and a disagreement shows an error. Candidates are visited best
 * first (a priority queue over per-channel ranks), so the search stops at the first in-range one
 * or when the probability falls below the bound.
 */
final class ResidueReader {
    /** The least joint probability of the nine residues of a corrected reading. */
    static final double MIN_PROBABILITY = 1e-4;
    /** A bound on the candidates visited, far above what the probability bound lets through. */
    static final int MAX_CANDIDATES = 50_000;
    private static final int BITS = 5; // a channel's rank: 0..22 fits in 5 bits, 9 channels in a long

    private ResidueReader() {
    }

    /** Answer {@code answer} (0-based) of a sequence model's row (of either {@link SequenceLayout}). */
    static PredictedTerm read(RowResult row, int answer) {
        PredictedTerm written = SequenceTokens.decodeAnswer(row.argmax(), answer);
        if (written.valid()) {
            return written;
        }
        int at = (SequenceTokens.GIVEN_SLOTS + answer) * SequenceTokens.CHANNELS;
        int vocab = row.logits().length / row.argmax().length;
        Ranked[] channels = new Ranked[SequenceTokens.CHANNELS];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = Ranked.of(row.logits(), (at + c) * vocab, c);
        }
        int[] best = mostProbableInRange(channels);
        if (best == null) {
            return written;
        }
        int[] tokens = new int[SequenceTokens.CHANNELS];
        for (int c = 0; c < tokens.length; c++) {
            tokens[c] = SequenceTokens.residueToken(c, best[c]);
        }
        return PredictedTerm.number(SequenceTokens.value(best), SequenceTokens.text(tokens, 0, tokens.length));
    }

    /** The residues of the most probable in-range combination above the bound, or null. */
    private static int[] mostProbableInRange(Ranked[] channels) {
        double floor = Math.log(MIN_PROBABILITY);
        PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> Double.compare(b.logProbability, a.logProbability));
        Set<Long> seen = new HashSet<>();
        queue.add(new Candidate(0L, score(channels, 0L)));
        seen.add(0L);
        for (int visited = 0; !queue.isEmpty() && visited < MAX_CANDIDATES; visited++) {
            Candidate next = queue.poll();
            if (next.logProbability < floor) {
                return null; // every later candidate is less probable still
            }
            int[] residues = residues(channels, next.ranks);
            if (SequenceTokens.inRange(SequenceTokens.value(residues))) {
                return residues;
            }
            for (int c = 0; c < channels.length; c++) {
                int rank = rank(next.ranks, c);
                if (rank + 1 < channels[c].order.length) {
                    long ranks = next.ranks + (1L << (c * BITS));
                    if (seen.add(ranks)) {
                        queue.add(new Candidate(ranks, score(channels, ranks)));
                    }
                }
            }
        }
        return null;
    }

    private static int rank(long ranks, int channel) {
        return (int) (ranks >>> (channel * BITS)) & ((1 << BITS) - 1);
    }

    private static double score(Ranked[] channels, long ranks) {
        double sum = 0;
        for (int c = 0; c < channels.length; c++) {
            sum += channels[c].logProbability[rank(ranks, c)];
        }
        return sum;
    }

    private static int[] residues(Ranked[] channels, long ranks) {
        int[] r = new int[channels.length];
        for (int c = 0; c < channels.length; c++) {
            r[c] = channels[c].order[rank(ranks, c)];
        }
        return r;
    }

    private record Candidate(long ranks, double logProbability) {
    }

    /** One channel's residues, most probable first, with their log-probabilities (softmax over the residues only). */
    private record Ranked(int[] order, double[] logProbability) {
        static Ranked of(float[] logits, int positionStart, int channel) {
            int m = SequenceTokens.modulus(channel);
            int first = positionStart + SequenceTokens.residueToken(channel, 0);
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < m; r++) {
                max = Math.max(max, logits[first + r]);
            }
            double sum = 0;
            for (int r = 0; r < m; r++) {
                sum += Math.exp(logits[first + r] - max);
            }
            double logZ = max + Math.log(sum);
            Integer[] order = new Integer[m];
            for (int r = 0; r < m; r++) {
                order[r] = r;
            }
            Arrays.sort(order, (a, b) -> Float.compare(logits[first + b], logits[first + a]));
            int[] sorted = new int[m];
            double[] lp = new double[m];
            for (int i = 0; i < m; i++) {
                sorted[i] = order[i];
                lp[i] = logits[first + order[i]] - logZ;
            }
            return new Ranked(sorted, lp);
        }
    }
}
