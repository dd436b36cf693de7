package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.InfluxException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static String next(String cron, String after) {
        Instant n = CronSchedule.parse(cron).next(Instant.parse(after));
        return n == null ? null : n.toString();
    }

    @Test
    void nextFireTimesInUtc() {
        assertThat(next("* * * * * *", "2026-08-21T10:00:04.250Z")).isEqualTo("2026-08-21T10:00:05Z");
        assertThat(next("*/5 * * * * *", "2026-08-21T10:00:05Z")).isEqualTo("2026-08-21T10:00:10Z");
        assertThat(next("0 0 8 * * *", "2026-08-21T08:00:00Z")).isEqualTo("2026-08-22T08:00:00Z");
        assertThat(next("0 30 9-17/4 * * *", "2026-08-21T10:00:00Z")).isEqualTo("2026-08-21T13:30:00Z");
        assertThat(next("0 0 0 1 Jan,Jul * *", "2026-08-21T00:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
        // day of week 1 = Sunday; 2026-08-23 is a Sunday
        assertThat(next("0 0 12 * * 1", "2026-08-21T00:00:00Z")).isEqualTo("2026-08-23T12:00:00Z");
        assertThat(next("0 0 12 * * Mon-Fri", "2026-08-22T00:00:00Z")).isEqualTo("2026-08-24T12:00:00Z");
        assertThat(next("0 0 0 29 Feb ? 2028", "2026-01-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(next("@hourly", "2026-08-21T10:00:00Z")).isEqualTo("2026-08-21T11:00:00Z");
        assertThat(next("0 0 0 1 1 * 1999", "2026-01-01T00:00:00Z")).isNull();
    }

    @Test
    void invalidExpressionsAreRejectedWithAReason() {
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *")).isInstanceOf(InfluxException.class)
                .hasMessageContaining("expected 6 or 7 fields");
        assertThatThrownBy(() -> CronSchedule.parse("60 * * * * *")).hasMessageContaining("seconds value 60");
        assertThatThrownBy(() -> CronSchedule.parse("? * * * * *")).hasMessageContaining("'?' is only allowed");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 0 * * 0")).hasMessageContaining("day of week value 0");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 5-1 * * *")).hasMessageContaining("goes backwards");
        assertThatThrownBy(() -> CronSchedule.parse("0 0 0 L * *")).hasMessageContaining("'L'");
    }
}
