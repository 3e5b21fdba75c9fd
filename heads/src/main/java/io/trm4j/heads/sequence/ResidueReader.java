package io.trm4j.heads.sequence;

import io.trm4j.core.loop.RowResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.stream.IntStream;

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
 *
 * <p>A model of layout {@link SequenceLayout#TERMS_AND_DIFFERENCES} also writes each answer's first
 * and second differences. With the previous two terms p1, p2 known, an answer r has first difference
 * r - p1 and second difference r - 2 p1 + p2, so each channel's three distributions are multiplied
 * (a product of experts: r is likely when the term, its difference and its second difference all
 * say so) and the answer is read from that product as above. A quadratic's next second difference
 * is a copy of the last one; this reading turns it into the term exactly, which the model's own
 * additions down the levels may not. When the product names nothing probable in range, the
 * terms' level alone is read.
 */
final class ResidueReader {
    /** The least joint probability of the nine residues of a corrected reading. */
    static final double MIN_PROBABILITY = 1e-4;
    /** A bound on the candidates visited, far above what the probability bound lets through. */
    static final int MAX_CANDIDATES = 50_000;
    private static final int BITS = 5; // a channel's rank: 0..22 fits in 5 bits, 9 channels in a long

    private ResidueReader() {
    }

    /** The k answers of a row of a model of {@code layout}, each read after the ones before it. */
    static List<PredictedTerm> readAll(RowResult row, SequenceInput input, SequenceLayout layout) {
        List<Long> known = new ArrayList<>(input.terms());
        List<PredictedTerm> answers = new ArrayList<>(input.k());
        boolean withDifferences = layout == SequenceLayout.TERMS_AND_DIFFERENCES;
        for (int a = 0; a < input.k(); a++) {
            PredictedTerm t = withDifferences ? readWithDifferences(row, a, known) : read(row, a);
            answers.add(t);
            if (t.valid()) {
                known.add(t.value());
            } else {
                withDifferences = false; // later differences would need this term
            }
        }
        return answers;
    }

    /** Answer {@code answer} (0-based) from the terms' level (level 0) of a row of either layout. */
    static PredictedTerm read(RowResult row, int answer) {
        PredictedTerm written = SequenceTokens.decodeAnswer(row.argmax(), answer);
        if (written.valid()) {
            return written;
        }
        double[][] logProbabilities = new double[SequenceTokens.CHANNELS][];
        for (int c = 0; c < logProbabilities.length; c++) {
            logProbabilities[c] = channelLogProbabilities(row, 0, answer, c);
        }
        PredictedTerm best = mostProbableInRange(logProbabilities);
        return best != null ? best : written;
    }

    /** Answer {@code answer} from the product of its three levels, the terms before it known. */
    private static PredictedTerm readWithDifferences(RowResult row, int answer, List<Long> known) {
        long p1 = known.get(known.size() - 1);
        long p2 = known.get(known.size() - 2);
        double[][] logProbabilities = new double[SequenceTokens.CHANNELS][];
        for (int c = 0; c < logProbabilities.length; c++) {
            int m = SequenceTokens.modulus(c);
            double[] term = channelLogProbabilities(row, 0, answer, c);
            double[] first = channelLogProbabilities(row, 1, answer, c);
            double[] second = channelLogProbabilities(row, 2, answer, c);
            double[] product = new double[m];
            for (int r = 0; r < m; r++) {
                product[r] = term[r] + first[Math.floorMod(r - p1, m)] + second[Math.floorMod(r - 2 * p1 + p2, m)];
            }
            logProbabilities[c] = normalized(product);
        }
        PredictedTerm best = mostProbableInRange(logProbabilities);
        return best != null ? best : read(row, answer);
    }

    /** The log-softmax over channel c's residues at answer slot {@code answer} of level {@code level}. */
    private static double[] channelLogProbabilities(RowResult row, int level, int answer, int channel) {
        int vocab = row.logits().length / row.argmax().length;
        int position = level * SequenceTokens.LEVEL_LEN + (SequenceTokens.GIVEN_SLOTS + answer) * SequenceTokens.CHANNELS + channel;
        int first = position * vocab + SequenceTokens.residueToken(channel, 0);
        double[] logits = new double[SequenceTokens.modulus(channel)];
        for (int r = 0; r < logits.length; r++) {
            logits[r] = row.logits()[first + r];
        }
        return normalized(logits);
    }

    private static double[] normalized(double[] logits) {
        double max = Arrays.stream(logits).max().orElseThrow();
        double logZ = max + Math.log(Arrays.stream(logits).map(x -> Math.exp(x - max)).sum());
        return Arrays.stream(logits).map(x -> x - logZ).toArray();
    }

    /** The most probable combination of the channels' residues that names a term in range, above the bound, or null. */
    private static PredictedTerm mostProbableInRange(double[][] logProbabilities) {
        Ranked[] channels = Arrays.stream(logProbabilities).map(Ranked::of).toArray(Ranked[]::new);
        int[] best = mostProbableResiduesInRange(channels);
        if (best == null) {
            return null;
        }
        int[] tokens = new int[SequenceTokens.CHANNELS];
        for (int c = 0; c < tokens.length; c++) {
            tokens[c] = SequenceTokens.residueToken(c, best[c]);
        }
        return PredictedTerm.number(SequenceTokens.value(best), SequenceTokens.text(tokens, 0, tokens.length));
    }

    /** The residues of the most probable in-range combination above the bound, or null. */
    private static int[] mostProbableResiduesInRange(Ranked[] channels) {
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

    /** One channel's residues, most probable first, with their log-probabilities. */
    private record Ranked(int[] order, double[] logProbability) {
        static Ranked of(double[] byResidue) {
            int[] order = IntStream.range(0, byResidue.length).boxed()
                    .sorted((a, b) -> Double.compare(byResidue[b], byResidue[a])).mapToInt(Integer::intValue).toArray();
            return new Ranked(order, Arrays.stream(order).mapToDouble(r -> byResidue[r]).toArray());
        }
    }
}
