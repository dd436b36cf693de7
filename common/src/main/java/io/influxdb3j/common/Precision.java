package io.influxdb3j.common;

import java.util.Locale;

/** Timestamp precision of a write. {@link #AUTO} guesses the unit from the magnitude (v3 only). */
public enum Precision {
    AUTO(0), SECOND(1_000_000_000L), MILLISECOND(1_000_000L), MICROSECOND(1_000L), NANOSECOND(1L);

    private final long nanosPerUnit;

    Precision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /** The names {@code /api/v3/write_lp} accepts; null or empty means AUTO. */
    public static Precision parseV3(String value) {
        if (value == null || value.isEmpty()) {
            return AUTO;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "auto" -> AUTO;
            case "second", "s" -> SECOND;
            case "millisecond", "ms" -> MILLISECOND;
            case "microsecond", "us", "u" -> MICROSECOND;
            case "nanosecond", "ns", "n" -> NANOSECOND;
            default -> throw InfluxException.invalid("invalid precision '" + value
                    + "': expected auto, s, ms, us or ns (or second, millisecond, microsecond, nanosecond)");
        };
    }

    /** The names the v1 and v2 write endpoints accept; null or empty means NANOSECOND, and there is no auto. */
    public static Precision parseV1(String value) {
        if (value == null || value.isEmpty()) {
            return NANOSECOND;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "second", "s" -> SECOND;
            case "millisecond", "ms" -> MILLISECOND;
            case "microsecond", "us", "u" -> MICROSECOND;
            case "nanosecond", "ns", "n" -> NANOSECOND;
            default -> throw InfluxException.invalid("invalid precision '" + value
                    + "': expected ns, us, ms or s");
        };
    }

    /**
     * Converts a timestamp in this precision to nanoseconds. Returns {@link Long#MIN_VALUE} on overflow
     * (the caller reports it as a line error; no exception on the hot path); as that is also the valid
     * nanosecond timestamp -2^63, {@link #overflowed} tells the two apart.
     */
    public long toNanos(long value) {
        long multiplier = this == AUTO ? guessMultiplier(value) : nanosPerUnit;
        long high = Math.multiplyHigh(value, multiplier);
        long low = value * multiplier;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return low;
        }
        return Long.MIN_VALUE;
    }

    /** Whether {@code nanos}, what {@link #toNanos} returned for {@code value}, means it overflowed. */
    public boolean overflowed(long value, long nanos) {
        return nanos == Long.MIN_VALUE
                && !(value == Long.MIN_VALUE && (this == AUTO ? guessMultiplier(value) : nanosPerUnit) == 1);
    }

    /** The unit AUTO would pick for this value, as InfluxDB 3 does: by magnitude in seconds. */
    public static Precision guess(long value) {
        long abs = value == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(value);
        double seconds = abs / 1e9;
        if (seconds < 5) {
            return SECOND;
        } else if (seconds < 5_000) {
            return MILLISECOND;
        } else if (seconds < 5_000_000) {
            return MICROSECOND;
        }
        return NANOSECOND;
    }

    private static long guessMultiplier(long value) {
        return guess(value).nanosPerUnit;
    }

    /** Short name used in errors: s, ms, us, ns or auto. */
    public String shortName() {
        return switch (this) {
            case AUTO -> "auto";
            case SECOND -> "s";
            case MILLISECOND -> "ms";
            case MICROSECOND -> "us";
            case NANOSECOND -> "ns";
        };
    }
}
