package io.influxdb3j.pipeline;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration}, the syntax of every duration in a pipeline config: a sequence of decimal
 * numbers with optional fraction and a unit ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s},
 * {@code m}, {@code h}), e.g. {@code 1s}, {@code 1.5h}, {@code 2m30s}; {@code 0} alone is allowed.
 */
public final class Durations {
    private Durations() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with Go's wording for a bad value. */
    public static Duration parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"\"");
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i >= s.length()) {
            throw invalid(text);
        }
        BigDecimal total = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw invalid(text);
            }
            BigDecimal number;
            try {
                number = new BigDecimal(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long nanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "" -> throw new IllegalArgumentException("missing unit in duration \"" + text + "\"");
                default -> throw new IllegalArgumentException("unknown unit \"" + unit + "\" in duration \"" + text + "\"");
            };
            total = total.add(number.multiply(BigDecimal.valueOf(nanos)));
        }
        long nanos = total.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** {@code text} parsed, or {@code fallback} when it is null or empty (YAML null decodes to ""). */
    public static Duration parseOr(String text, Duration fallback) {
        return text == null || text.isBlank() ? fallback : parse(text);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid duration \"" + text + "\"");
    }
}
