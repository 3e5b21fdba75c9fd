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
 *   <li>repeating cycles of period 2 to 6,</li>
 *   <li>linear recurrences of order 1-4 with rational coefficients, with or without a constant
 *       ({@code a(n) = p a(n-1) + q}, Fibonacci-like, interleaved pairs, ...), and with
 *       coefficients linear in n ({@code a(n) = n a(n-1)}: factorials and other products),</li>
 *   <li>a(n) = a(n-1) a(n-2), and the self-convolution of Catalan-like numbers,</li>
 *   <li>partial sums (the differences follow one of the rules above) and two interleaved
 *       sequences that are constant, arithmetic, quadratic or geometric.</li>
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

    public Prediction predict(List<Long> given, int k) {
        List<BigInteger> a = given.stream().map(BigInteger::valueOf).toList();
        for (BaselineRule rule : RULES) {
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

    /** The rules, simplest first (fewest parameters; ties in this order). Each checks itself against a spare term. */
    private static final List<BaselineRule> RULES = rules();

    private static List<BaselineRule> rules() {
        List<BaselineRule> rules = new ArrayList<>(simpleRules(true));
        List<BaselineRule> inner = simpleRules(false);
        for (BaselineRule r : inner) {
            rules.add(new CombinedRules.Differences(r));
        }
        List<BaselineRule> halves = List.of(new PolynomialRule(0), new PolynomialRule(1), RecurrenceRule.linear(1, false),
                new PolynomialRule(2), RecurrenceRule.linear(1, true));
        for (BaselineRule even : halves) {
            for (BaselineRule odd : halves) {
                rules.add(new CombinedRules.Interleaved(even, odd));
            }
        }
        rules.sort(Comparator.comparingInt(BaselineRule::params)); // stable: ties keep the order above
        return List.copyOf(rules);
    }

    /** The rules that stand alone; {@code polynomials} false leaves out those whose differences are again simple. */
    private static List<BaselineRule> simpleRules(boolean polynomials) {
        List<BaselineRule> rules = new ArrayList<>();
        if (polynomials) {
            for (int d = 0; d <= MAX_DEGREE; d++) {
                rules.add(new PolynomialRule(d));
            }
        }
        for (int p = 2; p <= SequenceInput.MAX_TERMS / 2; p++) {
            rules.add(new CycleRule(p));
        }
        for (int r = 1; r <= MAX_ORDER; r++) {
            rules.add(RecurrenceRule.linear(r, false));
            rules.add(RecurrenceRule.linear(r, true));
        }
        RecurrenceRule.Term prev = new RecurrenceRule.Term(1, 0);
        RecurrenceRule.Term nPrev = new RecurrenceRule.Term(1, 1);
        RecurrenceRule.Term one = new RecurrenceRule.Term(0, 0);
        RecurrenceRule.Term n = new RecurrenceRule.Term(0, 1);
        rules.add(RecurrenceRule.of("a(n) = (p + q n) a(n-1) (factorial-like product)", prev, nPrev));
        rules.add(new CombinedRules.SelfConvolution());
        rules.add(new CombinedRules.Product());
        rules.add(RecurrenceRule.of("a(n) = (p + q n) a(n-1) + r", prev, nPrev, one));
        rules.add(RecurrenceRule.of("a(n) = p a(n-1) + q + r n", prev, one, n));
        rules.add(RecurrenceRule.of("a(n) = (p + q n) a(n-1) + (r + s n) a(n-2)", prev, nPrev,
                new RecurrenceRule.Term(2, 0), new RecurrenceRule.Term(2, 1)));
        return rules;
    }

    private static boolean fitsLong(BigInteger v) {
        return v.bitLength() < 63;
    }

    static List<BigInteger> differences(List<BigInteger> a) {
        List<BigInteger> d = new ArrayList<>(a.size() - 1);
        for (int j = 1; j < a.size(); j++) {
            d.add(a.get(j).subtract(a.get(j - 1)));
        }
        return d;
    }
}
