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
        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            List<BigInteger> next = inner.continueIfFits(SequenceBaseline.differences(a), k);
            if (next == null) {
                return null;
            }
            List<BigInteger> out = new ArrayList<>();
            BigInteger last = a.get(a.size() - 1);
            for (BigInteger d : next) {
                last = last.add(d);
                out.add(last);
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

        @Override
        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            List<List<BigInteger>> halves = List.of(new ArrayList<>(), new ArrayList<>());
            for (int i = 0; i < a.size(); i++) {
                halves.get(i % 2).add(a.get(i));
            }
            List<BigInteger> evens = even.continueIfFits(halves.get(0), k);
            List<BigInteger> odds = evens == null ? null : odd.continueIfFits(halves.get(1), k);
            if (odds == null) {
                return null;
            }
            List<BigInteger> out = new ArrayList<>();
            int[] used = new int[2];
            for (int i = a.size(); i < a.size() + k; i++) {
                out.add((i % 2 == 0 ? evens : odds).get(used[i % 2]++));
            }
            return out;
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
        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            return continueFrom(a, k, 2, (all, n) -> all.get(n - 1).multiply(all.get(n - 2)));
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
        public List<BigInteger> continueIfFits(List<BigInteger> a, int k) {
            return continueFrom(a, k, 1, (all, n) -> {
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

    /** Checks {@code next} from term {@code seeds} on (two checks at least), then continues it. */
    private static List<BigInteger> continueFrom(List<BigInteger> a, int k, int seeds, NextTerm next) {
        if (a.size() - seeds < 2) {
            return null;
        }
        List<BigInteger> all = new ArrayList<>(a);
        for (int n = seeds; n < a.size() + k; n++) {
            BigInteger v = next.at(all, n);
            if (v.bitLength() > 256) {
                return null; // far past any answer the head reports
            }
            if (n < a.size()) {
                if (!v.equals(a.get(n))) {
                    return null;
                }
            } else {
                all.add(v);
            }
        }
        return all.subList(a.size(), all.size());
    }
}
