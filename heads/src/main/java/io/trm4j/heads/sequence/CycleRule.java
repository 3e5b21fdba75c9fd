package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Period p: a(i) = a(i - p), seen at least twice over. */
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
    public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
        if (a.size() < 2 * period) {
            return null;
        }
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
