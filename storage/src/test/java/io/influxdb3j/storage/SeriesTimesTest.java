package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SeriesTimesTest {
    @Test
    void keepsTheMaximumPerSeriesLikeAMapWouldThroughGrowth() {
        SeriesTimes times = new SeriesTimes();
        Map<Long, Long> reference = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextInt(5_000) * 0x9E3779B97F4A7C15L;
            long t = random.nextLong(1_000_000);
            Long prev = reference.get(key == 0 ? 1 : key);
            long got = times.putMax(key, t);
            assertThat(got).isEqualTo(prev == null ? Long.MIN_VALUE : prev);
            reference.put(key == 0 ? 1 : key, prev == null ? t : Math.max(prev, t));
        }
    }

    @Test
    void zeroHashIsAnOrdinaryKey() {
        SeriesTimes times = new SeriesTimes();
        assertThat(times.putMax(0, 5)).isEqualTo(Long.MIN_VALUE);
        assertThat(times.putMax(0, 3)).isEqualTo(5);
        assertThat(times.putMax(0, 9)).isEqualTo(5);
        assertThat(times.putMax(0, 1)).isEqualTo(9);
    }
}
