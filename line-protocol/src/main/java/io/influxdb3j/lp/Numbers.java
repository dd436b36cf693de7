package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;

/** Powers of ten and the general float reader, shared by the parser's number paths. */
final class Numbers {
    static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };
    static final long[] LONG_POWERS_OF_TEN = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L, 10_000_000_000_000L,
        100_000_000_000_000L, 1_000_000_000_000_000L, 10_000_000_000_000_000L, 100_000_000_000_000_000L,
        1_000_000_000_000_000_000L,
    };

    private Numbers() {
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /**
     * {@code -?\d+(\.\d+)?([eE][+-]?\d+)?} of any length, correctly rounded. A mantissa of at most 2^53
     * (collected from up to 18 significant digits, so it cannot overflow) with a power of ten in
     * [-22, 22] is exact in one multiply or divide, as both operands are exact doubles; anything else
     * goes to {@link Double#parseDouble}.
     */
    static double parseFloat(byte[] b, int from, int to) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean inexact = false;
        for (; i < to && isDigit(b[i]); i++) {
            int d = b[i] - '0';
            if (significant < 18) {
                if (mantissa != 0 || d != 0) {
                    mantissa = mantissa * 10 + d;
                    significant++;
                }
            } else {
                exponent++;
                inexact |= d != 0;
            }
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to && isDigit(b[i]); i++) {
                int d = b[i] - '0';
                if (significant < 18) {
                    if (mantissa != 0 || d != 0) {
                        mantissa = mantissa * 10 + d;
                        significant++;
                    }
                    exponent--;
                } else {
                    inexact |= d != 0;
                }
            }
        }
        if (i < to) {
            // An exponent: [eE][+-]?\d+
            i++;
            boolean negativeExponent = false;
            if (b[i] == '+' || b[i] == '-') {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = 0;
            for (; i < to; i++) {
                if (e < 1_000_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exponent += negativeExponent ? -e : e;
        }
        if (!inexact) {
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            if (mantissa <= (1L << 53) && exponent >= -22 && exponent <= 22) {
                double v = mantissa;
                v = exponent >= 0 ? v * POWERS_OF_TEN[exponent] : v / POWERS_OF_TEN[-exponent];
                return negative ? -v : v;
            }
        }
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
