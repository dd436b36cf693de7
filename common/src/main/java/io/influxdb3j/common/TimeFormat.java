package io.influxdb3j.common;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Timestamp text as InfluxDB 3's Arrow writers print it: {@code YYYY-MM-DDTHH:MM:SS}, then a
 * fraction of 3, 6 or 9 digits only when it is non-zero, no zone suffix.
 */
public final class TimeFormat {
    private TimeFormat() {
    }

    public static String formatNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        StringBuilder sb = new StringBuilder(29);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            sb.append(year);
        } else {
            pad(sb, year, 4);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        if (nanos != 0) {
            sb.append('.');
            if (nanos % 1_000_000 == 0) {
                pad(sb, nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                pad(sb, nanos / 1_000, 6);
            } else {
                pad(sb, nanos, 9);
            }
        }
        return sb.toString();
    }

    /** RFC 3339 with {@code Z}, whole seconds only: the form of token {@code created_at}. */
    public static String rfc3339Seconds(long epochMillis) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMillis, 1000L)).toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }
}
