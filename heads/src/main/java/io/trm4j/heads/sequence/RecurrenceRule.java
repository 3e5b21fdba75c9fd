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

    /** The first {@code order} terms seed it, the next {@code params} fix the coefficients, one more checks. */
    @Override
    public int minLength() {
        return order() + params() + 1;
    }

    @Override
    public Fit fit(List<BigInteger> a, int k) {
        int u = params();
        int order = order();
        if (a.size() < minLength() || !firstCheckMayPass(a, order, u)) {
            return Fit.NONE;
        }
        Fraction[][] m = new Fraction[u][];
        for (int e = 0; e < u; e++) {
            m[e] = equation(a, order + e);
        }
        Fraction[] coef = Fraction.solve(m);
        if (coef == null) {
            return Fit.NONE;
        }
        List<BigInteger> all = new ArrayList<>(a);
        for (int n = order; n < a.size() + k; n++) {
            Fraction v = Fraction.ZERO;
            for (int j = 0; j < u; j++) {
                v = v.add(coef[j].multiply(Fraction.of(terms.get(j).at(all, n))));
            }
            boolean integer = v.isInteger() && BaselineRule.fitsLong(v.numerator());
            if (n < a.size() && !(v.isInteger() && v.numerator().equals(a.get(n)))) {
                return Fit.of(n, a.size(), minLength(), integer, null);
            }
            if (n >= a.size()) {
                if (!integer) {
                    return Fit.of(a.size(), a.size(), minLength(), false, null);
                }
                all.add(v.numerator());
            }
        }
        return Fit.of(a.size(), a.size(), minLength(), true, all.subList(a.size(), all.size()));
    }

    private static final long P = 2_147_483_647L; // 2^31 - 1, a prime: products of residues fit a long

    /**
     * A fast test before the exact fit: the coefficients solved modulo a prime, and the first
     * check equation tested modulo it. Most rules fail that first check, and a failure modulo P is
     * a failure in exact arithmetic too (when the exact coefficients exist, their residues solve
     * the system modulo P); a system singular modulo P cannot tell, and the exact fit decides.
     */
    private boolean firstCheckMayPass(List<BigInteger> a, int order, int u) {
        long[][] m = new long[u][u + 1];
        for (int e = 0; e < u; e++) {
            m[e] = residues(a, order + e);
        }
        for (int col = 0; col < u; col++) {
            int pivot = col;
            while (pivot < u && m[pivot][col] == 0) {
                pivot++;
            }
            if (pivot == u) {
                return true;
            }
            long[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            long inv = inverse(m[col][col]);
            for (int c = col; c <= u; c++) {
                m[col][c] = m[col][c] * inv % P;
            }
            for (int r = 0; r < u; r++) {
                long f = m[r][col];
                if (r != col && f != 0) {
                    for (int c = col; c <= u; c++) {
                        m[r][c] = Math.floorMod(m[r][c] - f * m[col][c] % P, P);
                    }
                }
            }
        }
        long[] check = residues(a, order + u);
        long v = 0;
        for (int j = 0; j < u; j++) {
            v = (v + m[j][u] * check[j]) % P;
        }
        return v == check[u];
    }

    /** The row [term values at n | a(n)] modulo {@link #P}. */
    private long[] residues(List<BigInteger> a, int n) {
        long[] row = new long[params() + 1];
        for (int j = 0; j < params(); j++) {
            Term t = terms.get(j);
            long v = t.lag() == 0 ? 1 : residue(a.get(n - t.lag()));
            for (int i = 0; i < t.power(); i++) {
                v = v * n % P;
            }
            row[j] = v;
        }
        row[params()] = residue(a.get(n));
        return row;
    }

    private static long residue(BigInteger v) {
        return v.bitLength() < 63 ? Math.floorMod(v.longValue(), P) : v.mod(BigInteger.valueOf(P)).longValue();
    }

    /** x^(P-2) mod P: the inverse of x (not 0) modulo the prime P. */
    private static long inverse(long x) {
        long result = 1;
        long base = x;
        for (long e = P - 2; e > 0; e >>= 1) {
            if ((e & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
        }
        return result;
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
