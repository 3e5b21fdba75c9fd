package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Rules built from other rules, and the nonlinear ones people type. */
final class CombinedRules {
    private CombinedRules() {
    }

    /** Partial sums: the first differences follow {@code inner} (one more number: the first term). */
    record Differences(BaselineRule inner) implements BaselineRule {
        Differences {
            requireNonNull(inner, "inner is null");
        }

        @Override
        public int params() {
            return inner.params() + 1;
        }

        @Override
        public String name() {
            return "differences follow: " + inner.name();
        }

        @Override
        public int minLength() {
            return inner.minLength() + 1;
        }

        @Override
        public Fit fit(List<BigInteger> a, int k) {
            if (a.size() < minLength()) {
                return Fit.NONE;
            }
            Fit d = inner.fit(SequenceBaseline.differences(a), k);
            if (d.length() == 0) {
                return Fit.NONE;
            }
            List<BigInteger> out = null;
            if (d.next() != null) {
                out = new ArrayList<>();
                BigInteger last = a.get(a.size() - 1);
                for (BigInteger step : d.next()) {
                    last = last.add(step);
                    out.add(last);
                }
            }
            return Fit.of(d.length() + 1, a.size(), minLength(), d.continues()
                    && (out == null || out.stream().allMatch(BaselineRule::fitsLong)), out);
        }
    }

    /** Alternating signs: {@code (-1)^n a(n)} follows {@code inner} (1, -4, 9, -16: squares). */
    record Alternating(BaselineRule inner) implements BaselineRule {
        Alternating {
            requireNonNull(inner, "inner is null");
        }

        @Override
        public int params() {
            return inner.params();
        }

        @Override
        public String name() {
            return "alternating signs: (-1)^n a(n) is " + inner.name();
        }

        @Override
        public int minLength() {
            return inner.minLength();
        }

        @Override
        public Fit fit(List<BigInteger> a, int k) {
            Fit f = inner.fit(flipOdd(a, 0), k);
            return new Fit(f.length(), f.continues(), f.next() == null ? null : flipOdd(f.next(), a.size()));
        }

        /** The terms with the sign of those at odd positions (counting from {@code first}) flipped. */
        private static List<BigInteger> flipOdd(List<BigInteger> a, int first) {
            List<BigInteger> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                out.add((first + i) % 2 == 0 ? a.get(i) : a.get(i).negate());
            }
            return out;
        }
    }

    /** Two interleaved sequences (even and odd positions), each following its own rule. */
    record Interleaved(BaselineRule even, BaselineRule odd) implements BaselineRule {
        Interleaved {
            requireNonNull(even, "even is null");
            requireNonNull(odd, "odd is null");
        }

        @Override
        public int params() {
            return even.params() + odd.params();
        }

        @Override
        public String name() {
            return "interleaved: " + even.name() + " / " + odd.name();
        }

        /** Enough terms for both halves: the even positions hold ceil(L/2) of L terms, the odd ones floor(L/2). */
        @Override
        public int minLength() {
            return Math.max(2 * even.minLength() - 1, 2 * odd.minLength());
        }

        @Override
        public Fit fit(List<BigInteger> a, int k) {
            if (a.size() < minLength()) {
                return Fit.NONE;
            }
            List<List<BigInteger>> halves = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < a.size(); i++) {
                halves.get(i % 2).add(a.get(i));
            }
            int[] wanted = new int[2];
            for (int i = a.size(); i < a.size() + k; i++) {
                wanted[i % 2]++;
            }
            Fit evens = even.fit(halves.get(0), wanted[0]);
            if (evens.length() == 0) {
                return Fit.NONE;
            }
            Fit odds = odd.fit(halves.get(1), wanted[1]);
            if (odds.length() == 0) {
                return Fit.NONE;
            }
            // Prefix L holds ceil(L/2) even-position terms and floor(L/2) odd ones.
            int length = Math.min(a.size(), Math.min(2 * evens.length(), 2 * odds.length() + 1));
            if (length < a.size()) {
                return Fit.of(length, a.size(), minLength(), (length % 2 == 0 ? evens : odds).continues(), null);
            }
            if (evens.next() == null || odds.next() == null) {
                return Fit.of(length, a.size(), minLength(), false, null);
            }
            List<BigInteger> out = new ArrayList<>();
            int[] used = new int[2];
            for (int i = a.size(); i < a.size() + k; i++) {
                out.add((i % 2 == 0 ? evens : odds).next().get(used[i % 2]++));
            }
            return Fit.of(length, a.size(), minLength(), true, out);
        }
    }

    /** a(n) = a(n-1) a(n-2): products of the two before. */
    record Product() implements BaselineRule {
        @Override
        public int params() {
            return 2;
        }

        @Override
        public String name() {
            return "product of the two terms before";
        }

        @Override
        public int minLength() {
            return 4;
        }

        @Override
        public Fit fit(List<BigInteger> a, int k) {
            return continueFrom(a, k, minLength(), 2, (all, n) -> all.get(n - 1).multiply(all.get(n - 2)));
        }
    }

    /** a(n) = sum of a(i) a(n-1-i), i = 0..n-1 (Catalan numbers from 1). */
    record SelfConvolution() implements BaselineRule {
        @Override
        public int params() {
            return 1;
        }

        @Override
        public String name() {
            return "self-convolution a(n) = sum a(i) a(n-1-i) (Catalan-like)";
        }

        @Override
        public int minLength() {
            return 3;
        }

        @Override
        public Fit fit(List<BigInteger> a, int k) {
            return continueFrom(a, k, minLength(), 1, (all, n) -> {
                BigInteger s = BigInteger.ZERO;
                for (int i = 0; i < n; i++) {
                    s = s.add(all.get(i).multiply(all.get(n - 1 - i)));
                }
                return s;
            });
        }
    }

    private interface NextTerm {
        BigInteger at(List<BigInteger> all, int n);
    }

    /** Checks {@code next} from term {@code seeds} on (two checks at least: {@code minLength}), then continues it. */
    private static BaselineRule.Fit continueFrom(List<BigInteger> a, int k, int minLength, int seeds, NextTerm next) {
        if (a.size() < minLength) {
            return BaselineRule.Fit.NONE;
        }
        List<BigInteger> all = new ArrayList<>(a);
        for (int n = seeds; n < a.size() + k; n++) {
            BigInteger v = next.at(all, n);
            boolean inRange = BaselineRule.fitsLong(v);
            if (n < a.size() && !v.equals(a.get(n))) {
                return BaselineRule.Fit.of(n, a.size(), minLength, inRange, null);
            }
            if (n >= a.size()) {
                if (!inRange) {
                    return BaselineRule.Fit.of(a.size(), a.size(), minLength, false, null);
                }
                all.add(v);
            }
        }
        return BaselineRule.Fit.of(a.size(), a.size(), minLength, true, all.subList(a.size(), all.size()));
    }
}
