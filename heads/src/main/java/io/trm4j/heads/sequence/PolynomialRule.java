package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Degree d: the d-th differences are all equal (at least two of them, so one is a check). */
record PolynomialRule(int degree) implements BaselineRule {
    @Override
    public int params() {
        return degree + 1;
    }

    @Override
    public String name() {
        return degree == 0 ? "constant" : degree == 1 ? "arithmetic (constant difference)"
                : "polynomial of degree " + degree + " (constant differences of order " + degree + ")";
    }

    @Override
    public int minLength() {
        return degree + 2;
    }

    @Override
    public Fit fit(List<BigInteger> a, int k) {
        if (a.size() < minLength()) {
            return Fit.NONE;
        }
        List<List<BigInteger>> rows = new ArrayList<>();
        rows.add(a);
        for (int i = 0; i < degree; i++) {
            rows.add(SequenceBaseline.differences(rows.get(i)));
        }
        List<BigInteger> top = rows.get(degree);
        int equal = 1;
        while (equal < top.size() && top.get(equal).equals(top.get(0))) {
            equal++;
        }
        int length = degree + equal; // the prefix whose d-th differences are the first `equal` ones
        if (length < a.size()) {
            return Fit.of(length, a.size(), minLength(), true, null); // a polynomial's next term is an integer
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
        return Fit.of(length, a.size(), minLength(), out.stream().allMatch(BaselineRule::fitsLong), out);
    }
}
