package io.influxdb3j.common;

/** The clock. Production uses the system clock; tests use a settable one. */
public interface TimeProvider {
    long nowNanos();

    default long nowMillis() {
        return nowNanos() / 1_000_000L;
    }

    TimeProvider SYSTEM = () -> {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
}
