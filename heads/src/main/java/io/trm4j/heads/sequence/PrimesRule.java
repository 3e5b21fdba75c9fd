package io.trm4j.heads.sequence;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Consecutive primes from any prime on: 2, 3, 5, 7, 11, 13 -> 17. The one famous sequence no
 * recurrence or polynomial gives. Fixed by its first term, checked on two more; counted as two
 * numbers, so that an arithmetic reading of the same terms ("3, 5, 7" -> 9) comes first.
 */
record PrimesRule() implements BaselineRule {
    @Override
    public int params() {
        return 2;
    }

    @Override
    public String name() {
        return "consecutive primes";
    }

    @Override
    public int minLength() {
        return 3;
    }

    @Override
    public Fit fit(List<BigInteger> a, int k) {
        if (a.size() < minLength() || a.get(0).bitLength() > 31 || !isPrime(a.get(0).longValue())) {
            return Fit.NONE;
        }
        long p = a.get(0).longValue();
        int length = 1;
        while (length < a.size()) {
            p = nextPrime(p);
            if (!a.get(length).equals(BigInteger.valueOf(p))) {
                return Fit.of(length, a.size(), minLength(), true, null);
            }
            length++;
        }
        List<BigInteger> next = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            p = nextPrime(p);
            next.add(BigInteger.valueOf(p));
        }
        return Fit.of(length, a.size(), minLength(), true, next);
    }

    private static long nextPrime(long p) {
        long q = p + 1;
        while (!isPrime(q)) {
            q++;
        }
        return q;
    }

    /** Trial division: the terms the head reads are below 10^6, their continuations near it. */
    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        for (long d = 2; d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
