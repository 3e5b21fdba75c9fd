package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A rule-fitting baseline for the next terms of a sequence, so users can see what the model adds.
 * It tries the simplest rules first (fewest parameters) and keeps the first one that reproduces
 * every given term exactly, with at least one given term left over as a check:
 * <ul>
 *   <li>polynomials of degree 0-4 (finite differences of that order are constant),</li>
 *   <li>linear recurrences of order 1-4 with rational coefficients, with or without a constant
 *       ({@code a(n) = p a(n-1) + q}, Fibonacci-like, interleaved pairs, ...),</li>
 *   <li>repeating cycles of period 2 to n/2.</li>
 * </ul>
 * When no rule fits it extrapolates the last difference ({@code rule} says so).
 */
public final class SequenceBaseline {
    private static final int MAX_DEGREE = 4;
    private static final int MAX_ORDER = 4;

    /** The predicted terms and the rule that produced them ({@code fallback: ...} when none fit). */
    public record Prediction(List<Long> terms, String rule, boolean ruleFits) {
        public Prediction {
            terms = List.copyOf(terms);
        }

        /** As the head's answer type for {@code input} (confidence 1 when a rule fits, else 0; no steps). */
        public SequencePrediction toSequencePrediction(SequenceInput input) {
            List<PredictedTerm> predicted = terms.stream().map(v -> PredictedTerm.number(v, Long.toString(v))).toList();
            return new SequencePrediction(input, predicted, ruleFits ? 1f : 0f, 0);
        }
    }

    private interface Rule {
        int params();

        String name();

        /** The next {@code k} terms, or null when the rule does not reproduce {@code a} exactly. */
        List<BigInteger> continueIfFits(List<BigInteger> a, int k);
    }

    public Prediction predict(List<Long> given, int k) {
        List<BigInteger> a = given.stream().map(BigInteger::valueOf).toList();
        for (Rule rule : candidates(a.size())) {
            List<BigInteger> next = rule.continueIfFits(a, k);
            if (next != null && next.stream().allMatch(SequenceBaseline::fitsLong)) {
                return new Prediction(next.stream().map(BigInteger::longValueExact).toList(), rule.name(), true);
            }
        }
        long last = given.get(given.size() - 1);
        long step = last - given.get(given.size() - 2);
        List<Long> next = new ArrayList<>();
        for (int i = 1; i <= k; i++) {
            next.add(last + i * step);
        }
        return new Prediction(next, "fallback: no rule fits, last difference repeated", false);
    }

    /** The rules that a sequence of n terms can check (one spare term at least), simplest first. */
    private static List<Rule> candidates(int n) {
        List<Rule> rules = new ArrayList<>();
        for (int d = 0; d <= MAX_DEGREE && n - d >= 2; d++) {
            rules.add(new Polynomial(d));
        }
        for (int p = 2; 2 * p <= n; p++) {
            rules.add(new Cycle(p));
        }
        for (int r = 1; r <= MAX_ORDER; r++) {
            for (boolean constant : new boolean[] {false, true}) {
                int unknowns = r + (constant ? 1 : 0);
                if (n - r >= unknowns + 1) {
                    rules.add(new Recurrence(r, constant));
                }
            }
        }
        rules.sort(Comparator.comparingInt(Rule::params)); // stable: polynomial, cycle, recurrence on ties
        return rules;
    }

    private static boolean fitsLong(BigInteger v) {
        return v.bitLength() < 63;
    }

    /** Degree d: the d-th differences are all equal. */
    private record Polynomial(int degree) implements Rule {
        public int params() {
            return degree + 1;
        }

        public String name() {
            return degree == 0 ? "constant" : degree == 1 ? "arithmetic (constant difference)"
                    : "polynomial of degree " + degree + " (constant differences of order " + degree + ")";
        }

        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            List<List<BigInteger>> rows = new ArrayList<>();
            rows.add(a);
            for (int i = 0; i < degree; i++) {
                List<BigInteger> prev = rows.get(i);
                List<BigInteger> diff = new ArrayList<>();
                for (int j = 1; j < prev.size(); j++) {
                    diff.add(prev.get(j).subtract(prev.get(j - 1)));
                }
                rows.add(diff);
            }
            List<BigInteger> top = rows.get(degree);
            if (top.stream().distinct().count() != 1) {
                return null;
            }
            // Extend every row from the constant one upwards.
            List<BigInteger> lasts = new ArrayList<>();
            for (List<BigInteger> row : rows) {
                lasts.add(row.get(row.size() - 1));
            }
            List<BigInteger> out = new ArrayList<>();
            for (int step = 0; step < k; step++) {
                for (int level = degree - 1; level >= 0; level--) {
                    lasts.set(level, lasts.get(level).add(lasts.get(level + 1)));
                }
                out.add(lasts.get(0));
            }
            return out;
        }
    }

    /** Period p: a(i) = a(i - p). */
    private record Cycle(int period) implements Rule {
        public int params() {
            return period;
        }

        public String name() {
            return "repeating cycle of period " + period;
        }

        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            for (int i = period; i < a.size(); i++) {
                if (!a.get(i).equals(a.get(i - period))) {
                    return null;
                }
            }
            List<BigInteger> all = new ArrayList<>(a);
            for (int i = 0; i < k; i++) {
                all.add(all.get(all.size() - period));
            }
            return all.subList(a.size(), all.size());
        }
    }

    /** a(i) = c1 a(i-1) + ... + cr a(i-r) [+ c0], rational coefficients solved from the first equations. */
    private record Recurrence(int order, boolean constant) implements Rule {
        public int params() {
            return order + (constant ? 1 : 0);
        }

        public String name() {
            return "linear recurrence of order " + order + (constant ? " with a constant" : "");
        }

        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            int u = params();
            Fraction[][] m = new Fraction[u][u + 1];
            for (int e = 0; e < u; e++) {
                Fraction[] row = equation(a, order + e);
                m[e] = row;
            }
            Fraction[] coef = Fraction.solve(m);
            if (coef == null) {
                return null;
            }
            List<BigInteger> all = new ArrayList<>(a);
            for (int i = order; i < a.size() + k; i++) {
                Fraction v = predictAt(all, i, coef);
                if (!v.isInteger()) {
                    return null;
                }
                if (i < a.size()) {
                    if (!v.numerator().equals(a.get(i))) {
                        return null;
                    }
                } else {
                    all.add(v.numerator());
                }
            }
            return all.subList(a.size(), all.size());
        }

        /** The row [a(i-1) .. a(i-r), (1) | a(i)] of the linear system. */
        private Fraction[] equation(List<BigInteger> a, int i) {
            Fraction[] row = new Fraction[params() + 1];
            for (int j = 1; j <= order; j++) {
                row[j - 1] = Fraction.of(a.get(i - j));
            }
            if (constant) {
                row[order] = Fraction.ONE;
            }
            row[params()] = Fraction.of(a.get(i));
            return row;
        }

        private Fraction predictAt(List<BigInteger> a, int i, Fraction[] coef) {
            Fraction v = constant ? coef[order] : Fraction.ZERO;
            for (int j = 1; j <= order; j++) {
                v = v.add(coef[j - 1].multiply(Fraction.of(a.get(i - j))));
            }
            return v;
        }
    }
}
