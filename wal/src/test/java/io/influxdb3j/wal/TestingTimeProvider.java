package io.influxdb3j.wal;

import io.influxdb3j.common.TimeProvider;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. */
final class TestingTimeProvider implements TimeProvider {
    private final AtomicLong nanos;

    TestingTimeProvider(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nowNanos() {
        return nanos.get();
    }

    void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000L);
    }
}
