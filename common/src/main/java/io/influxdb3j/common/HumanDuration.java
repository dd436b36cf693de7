package io.influxdb3j.common;

import java.time.Duration;
import java.util.Locale;

/**
 * Parses human durations as InfluxDB 3's flags and APIs take them ({@code 10m}, {@code 1s},
 * {@code 30days}, {@code 1month}, {@code 4 hours}, {@code 1h30m}), with the units of the humantime
 * crate: ns, us/µs, ms, s, m, h, d, w, M (month = 30.44 days), y (365.25 days) and their long names.
 */
public final class HumanDuration {
    private HumanDuration() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw InfluxException.invalid("empty duration: expected a value like 10s, 5m, 1h or 7d");
        }
        String s = text.trim();
        long totalNanos = 0;
        int i = 0;
        boolean any = false;
        while (i < s.length()) {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            if (i >= s.length()) {
                break;
            }
            int numStart = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            if (numStart == i) {
                throw invalid(text);
            }
            long number;
            try {
                number = Long.parseLong(s.substring(numStart, i));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != ' ') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            long unitNanos = unitNanos(unit, text);
            try {
                totalNanos = Math.addExact(totalNanos, Math.multiplyExact(number, unitNanos));
            } catch (ArithmeticException e) {
                throw InfluxException.invalid("duration '" + text + "' is too large");
            }
            any = true;
        }
        if (!any) {
            throw invalid(text);
        }
        return Duration.ofNanos(totalNanos);
    }

    private static long unitNanos(String unit, String text) {
        if (unit.equals("M")) {
            return 2_630_016_000_000_000L;
        }
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "nsec", "ns", "nanos", "nanosecond", "nanoseconds" -> 1L;
            case "usec", "us", "µs", "micros", "microsecond", "microseconds" -> 1_000L;
            case "msec", "ms", "millis", "millisecond", "milliseconds" -> 1_000_000L;
            case "seconds", "second", "sec", "secs", "s" -> 1_000_000_000L;
            case "minutes", "minute", "min", "mins", "m" -> 60_000_000_000L;
            case "hours", "hour", "hr", "hrs", "h" -> 3_600_000_000_000L;
            case "days", "day", "d" -> 86_400_000_000_000L;
            case "weeks", "week", "w" -> 604_800_000_000_000L;
            case "months", "month" -> 2_630_016_000_000_000L;
            case "years", "year", "y" -> 31_557_600_000_000_000L;
            case "" -> throw InfluxException.invalid("duration '" + text
                    + "' has a number without a unit: add one of ns, us, ms, s, m, h, d, w");
            default -> throw InfluxException.invalid("unknown time unit '" + unit + "' in duration '" + text
                    + "': use ns, us, ms, s, m, h, d, w, month or y");
        };
    }

    private static InfluxException invalid(String text) {
        return InfluxException.invalid("invalid duration '" + text + "': expected a value like 10s, 5m, 1h or 7d");
    }
}
