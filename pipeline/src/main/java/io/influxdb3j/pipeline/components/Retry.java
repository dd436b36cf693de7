package io.influxdb3j.pipeline.components;

import java.time.Duration;

/** Exponential back-off between attempts: {@code initial}, doubling, capped at {@code max}. */
record Retry(int retries, Duration initial, Duration max) {
    Duration delay(int attempt) {
        long nanos = initial.toNanos();
        for (int i = 0; i < attempt && nanos < max.toNanos(); i++) {
            nanos *= 2;
        }
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    static void sleep(Duration d) throws InterruptedException {
        if (!d.isZero() && !d.isNegative()) {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
    }
}
