package io.influxdb3j.query.format;

import io.influxdb3j.common.TimeFormat;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A timestamp read from DuckDB, held as nanoseconds since the Unix epoch (UTC) so that no precision
 * or time-zone conversion happens between DuckDB and the output text.
 */
record EpochNanos(long value) {

    /** Wall-clock values (DuckDB {@code TIMESTAMP*} without zone) are UTC by InfluxDB convention. */
    static Object of(LocalDateTime t) {
        return of(t.toInstant(ZoneOffset.UTC));
    }

    static Object of(OffsetDateTime t) {
        return of(t.toInstant());
    }

    /**
     * Returns an {@link EpochNanos}, or the ISO text of the instant when it lies outside the
     * ±292-year range of nanosecond timestamps (possible for microsecond {@code TIMESTAMP} columns).
     */
    static Object of(Instant t) {
        try {
            return new EpochNanos(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()));
        } catch (ArithmeticException outOfRange) {
            String iso = LocalDateTime.ofInstant(t, ZoneOffset.UTC).toString();
            return iso.length() == 16 ? iso + ":00" : iso;
        }
    }

    String text() {
        return TimeFormat.formatNanos(value);
    }
}
