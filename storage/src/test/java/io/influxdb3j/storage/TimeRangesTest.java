package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimeRangesTest {
    @Test
    void disjointRangesStayApartAndOverlappingOnesMerge() {
        TimeRanges r = new TimeRanges();
        r.add(300, 400);
        r.add(100, 200);
        r.add(600, 700);
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.contains(250)).isFalse();
        assertThat(r.contains(100)).isTrue();
        assertThat(r.contains(400)).isTrue();
        assertThat(r.overlaps(201, 299)).isFalse();
        assertThat(r.overlaps(450, 600)).isTrue();
        r.add(150, 650); // spans the three
        assertThat(r.size()).isEqualTo(1);
        assertThat(r.contains(500)).isTrue();
        assertThat(r.contains(701)).isFalse();
        assertThat(r.contains(99)).isFalse();
    }

    @Test
    void extremesAndGrowth() {
        TimeRanges r = new TimeRanges();
        r.add(Long.MIN_VALUE, Long.MIN_VALUE);
        r.add(Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < 100; i++) {
            r.add(i * 10L, i * 10L + 5);
        }
        assertThat(r.size()).isEqualTo(102);
        assertThat(r.contains(Long.MIN_VALUE)).isTrue();
        assertThat(r.contains(Long.MAX_VALUE)).isTrue();
        assertThat(r.contains(997)).isFalse();
        assertThat(r.contains(995)).isTrue();
        r.clear();
        assertThat(r.contains(5)).isFalse();
    }
}
