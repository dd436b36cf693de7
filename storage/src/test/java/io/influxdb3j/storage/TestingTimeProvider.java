package io.influxdb3j.storage;

import io.influxdb3j.common.TimeProvider;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class TestingTimeProvider implements TimeProvider {
    private final AtomicLong nanos;

    TestingTimeProvider(Instant start) {
        this.nanos = new AtomicLong(toNanos(start));
    }

    TestingTimeProvider(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nowNanos() {
        return nanos.get();
    }

    void set(Instant now) {
        nanos.set(toNanos(now));
    }

    void setNanos(long now) {
        nanos.set(now);
    }

    void advance(java.time.Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    static long toNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
