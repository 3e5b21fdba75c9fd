package io.trm4j.heads.sequence;

import java.math.BigInteger;

/** An exact rational (denominator > 0, lowest terms) for the baseline's recurrence fits. */
record Fraction(BigInteger numerator, BigInteger denominator) {
    static final Fraction ZERO = of(BigInteger.ZERO);
    static final Fraction ONE = of(BigInteger.ONE);

    Fraction {
        if (denominator.signum() == 0) {
            throw new ArithmeticException("zero denominator");
        }
        if (denominator.signum() < 0) {
            numerator = numerator.negate();
            denominator = denominator.negate();
        }
        BigInteger g = numerator.gcd(denominator);
        if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
            numerator = numerator.divide(g);
            denominator = denominator.divide(g);
        }
    }

    static Fraction of(BigInteger v) {
        return new Fraction(v, BigInteger.ONE);
    }

    boolean isZero() {
        return numerator.signum() == 0;
    }

    boolean isInteger() {
        return denominator.equals(BigInteger.ONE);
    }

    Fraction add(Fraction o) {
        return new Fraction(numerator.multiply(o.denominator).add(o.numerator.multiply(denominator)),
                denominator.multiply(o.denominator));
    }

    Fraction subtract(Fraction o) {
        return add(new Fraction(o.numerator.negate(), o.denominator));
    }

    Fraction multiply(Fraction o) {
        return new Fraction(numerator.multiply(o.numerator), denominator.multiply(o.denominator));
    }

    Fraction divide(Fraction o) {
        return new Fraction(numerator.multiply(o.denominator), denominator.multiply(o.numerator));
    }

    /**
     * Solves the square system {@code m} (rows of coefficients followed by the right-hand side) by
     * Gauss-Jordan elimination; null when it is singular (no unique solution).
     */
    static Fraction[] solve(Fraction[][] m) {
        int n = m.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            while (pivot < n && m[pivot][col].isZero()) {
                pivot++;
            }
            if (pivot == n) {
                return null;
            }
            Fraction[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != col && !m[r][col].isZero()) {
                    Fraction f = m[r][col].divide(m[col][col]);
                    for (int c = col; c <= n; c++) {
                        m[r][c] = m[r][c].subtract(f.multiply(m[col][c]));
                    }
                }
            }
        }
        Fraction[] x = new Fraction[n];
        for (int r = 0; r < n; r++) {
            x[r] = m[r][n].divide(m[r][r]);
        }
        return x;
    }
}
