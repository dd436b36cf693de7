package io.influxdb3j.query.format;

import java.math.BigDecimal;

/**
 * Floating-point text as Arrow's writers produce it (they use the {@code lexical} crate): the shortest
 * digits that round-trip, always with a fraction ({@code 2.0}), plain notation for decimal exponents
 * -5 through 9 and {@code 1.5e10} style outside it, {@code NaN}, {@code inf} and {@code -inf}.
 */
final class FloatText {
    private FloatText() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        // Double.toString gives the shortest round-tripping digits (JDK 19+); only its exponent
        // thresholds (1e-3 and 1e7) differ from lexical's, so plain output can be used as is.
        return reshape(Double.toString(value));
    }

    static String format(float value) {
        if (Float.isNaN(value)) {
            return "NaN";
        }
        if (Float.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return reshape(Float.toString(value));
    }

    private static String reshape(String javaText) {
        if (javaText.indexOf('E') < 0) {
            return javaText;
        }
        BigDecimal d = new BigDecimal(javaText).stripTrailingZeros();
        String digits = d.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - d.scale();
        String sign = d.signum() < 0 ? "-" : "";
        if (exponent >= -5 && exponent <= 9) {
            String plain = d.toPlainString();
            return plain.indexOf('.') < 0 ? plain + ".0" : plain;
        }
        String fraction = digits.length() > 1 ? digits.substring(1) : "0";
        return sign + digits.charAt(0) + "." + fraction + "e" + exponent;
    }
}
