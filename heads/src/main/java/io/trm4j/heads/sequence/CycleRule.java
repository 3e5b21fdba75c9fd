package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Period p: a(i) = a(i - p), one period and two terms of its repeat given (so two checks): "4, 9, 1,
 * 4, 9" is a cycle of period 3.
 */
record CycleRule(int period) implements BaselineRule {
    @Override
    public int params() {
        return period;
    }

    @Override
    public String name() {
        return "repeating cycle of period " + period;
    }

    @Override
    public int minLength() {
        return period + 2;
    }

    @Override
    public Fit fit(List<BigInteger> a, int k) {
        if (a.size() < minLength()) {
            return Fit.NONE;
        }
        int length = period;
        while (length < a.size() && a.get(length).equals(a.get(length - period))) {
            length++;
        }
        List<BigInteger> all = new ArrayList<>(a);
        for (int i = 0; i < k; i++) {
            all.add(all.get(all.size() - period));
        }
        return Fit.of(length, a.size(), minLength(), true, all.subList(a.size(), all.size()));
    }
}
