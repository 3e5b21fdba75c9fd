package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * a(n) = sum of rational coefficients times terms: each term is {@code n^power * a(n - lag)}
 * ({@code lag} 0 stands for 1), e.g. {@code a(n-1), a(n-2), 1} (Fibonacci-like with a constant) or
 * {@code a(n-1), n a(n-1)} (factorial-like products). The coefficients are solved from the first
 * equations; every later given term is a check, and at least one is required.
 */
record RecurrenceRule(String name, List<Term> terms) implements BaselineRule {
    /** {@code n^power * a(n - lag)}, or {@code n^power} when {@code lag} is 0. */
    record Term(int lag, int power) {
        BigInteger at(List<BigInteger> a, int n) {
            BigInteger base = lag == 0 ? BigInteger.ONE : a.get(n - lag);
            return base.multiply(BigInteger.valueOf(n).pow(power));
        }
    }

    RecurrenceRule {
        requireNonNull(name, "name is null");
        terms = List.copyOf(terms);
    }

    /** The linear recurrence of {@code order} with constant coefficients, with or without a constant. */
    static RecurrenceRule linear(int order, boolean constant) {
        List<Term> terms = new ArrayList<>();
        for (int lag = 1; lag <= order; lag++) {
            terms.add(new Term(lag, 0));
        }
        if (constant) {
            terms.add(new Term(0, 0));
        }
        return new RecurrenceRule("linear recurrence of order " + order + (constant ? " with a constant" : ""), terms);
    }

    static RecurrenceRule of(String name, Term... terms) {
        return new RecurrenceRule(name, List.of(terms));
    }

    @Override
    public int params() {
        return terms.size();
    }

    private int order() {
        return terms.stream().mapToInt(Term::lag).max().orElse(0);
    }

    @Override
    public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
        int u = params();
        int order = order();
        if (a.size() - order < u + 1) {
            return null;
        }
        Fraction[][] m = new Fraction[u][];
        for (int e = 0; e < u; e++) {
            m[e] = equation(a, order + e);
        }
        Fraction[] coef = Fraction.solve(m);
        if (coef == null) {
            return null;
        }
        List<BigInteger> all = new ArrayList<>(a);
        for (int n = order; n < a.size() + k; n++) {
            Fraction v = Fraction.ZERO;
            for (int j = 0; j < u; j++) {
                v = v.add(coef[j].multiply(Fraction.of(terms.get(j).at(all, n))));
            }
            if (!v.isInteger()) {
                return null;
            }
            if (n < a.size()) {
                if (!v.numerator().equals(a.get(n))) {
                    return null;
                }
            } else {
                all.add(v.numerator());
            }
        }
        return all.subList(a.size(), all.size());
    }

    /** The row [term values at n | a(n)] of the linear system. */
    private Fraction[] equation(List<BigInteger> a, int n) {
        Fraction[] row = new Fraction[params() + 1];
        for (int j = 0; j < params(); j++) {
            row[j] = Fraction.of(terms.get(j).at(a, n));
        }
        row[params()] = Fraction.of(a.get(n));
        return row;
    }
}
