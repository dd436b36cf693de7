package io.influxdb3j.catalog;

import io.influxdb3j.common.TimeProvider;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class TestingTimeProvider implements TimeProvider {
    private final AtomicLong nanos;

    TestingTimeProvider(Instant start) {
        this.nanos = new AtomicLong(start.getEpochSecond() * 1_000_000_000L + start.getNano());
    }

    @Override
    public long nowNanos() {
        return nanos.get();
    }

    void set(Instant now) {
        nanos.set(now.getEpochSecond() * 1_000_000_000L + now.getNano());
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }
}
