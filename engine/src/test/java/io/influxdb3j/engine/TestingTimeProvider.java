package io.influxdb3j.engine;

import io.influxdb3j.common.TimeProvider;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
final class TestingTimeProvider implements TimeProvider {
    private final AtomicLong nanos;

    TestingTimeProvider(long startNanos) {
        this.nanos = new AtomicLong(startNanos);
    }

    @Override
    public long nowNanos() {
        return nanos.get();
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
