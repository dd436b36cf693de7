package io.influxdb3j.common;

import java.util.Locale;

/** A size in bytes parsed from {@code 10485760}, {@code 10MB}, {@code 512kb}, {@code 2gb} or {@code 20%} of a total. */
public final class DataSize {
    private DataSize() {
    }

    public static long parse(String text, long totalForPercent) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("%")) {
                double pct = Double.parseDouble(s.substring(0, s.length() - 1));
                return (long) (totalForPercent * pct / 100.0);
            }
            long mult = 1;
            String num = s;
            if (s.endsWith("gb")) {
                mult = 1L << 30;
                num = s.substring(0, s.length() - 2);
            } else if (s.endsWith("mb")) {
                mult = 1L << 20;
                num = s.substring(0, s.length() - 2);
            } else if (s.endsWith("kb")) {
                mult = 1L << 10;
                num = s.substring(0, s.length() - 2);
            } else if (s.endsWith("b")) {
                num = s.substring(0, s.length() - 1);
            }
            return Long.parseLong(num.trim()) * mult;
        } catch (NumberFormatException e) {
            throw InfluxException.invalid("invalid size '" + text + "': expected bytes, a value like 512mb or 2gb, or a percentage like 20%");
        }
    }
}
