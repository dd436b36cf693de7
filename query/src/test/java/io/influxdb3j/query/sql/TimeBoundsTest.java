package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeBoundsTest {
    private static List<String> bounds(String sql) {
        return TimeBounds.of(sql).map(r -> r.table() + ": " + r.bounds().stream()
                .map(b -> (b.lower() ? ">= " : "<= ") + b.expression()).toList()).map(List::of).orElse(List.of());
    }

    @Test
    void simpleRangesAndForms() {
        assertThat(bounds("SELECT * FROM cpu WHERE time >= '2024-01-01' AND time < '2024-01-02'"))
                .containsExactly("cpu: [>= '2024-01-01', <= '2024-01-02']");
        assertThat(bounds("select host from \"cpu\" where host = 'a' and time > now() - interval '1 hour' order by time"))
                .containsExactly("cpu: [>= now() - interval '1 hour']");
        assertThat(bounds("SELECT * FROM cpu c WHERE '2024-01-01' <= c.time AND c.time BETWEEN 'a' AND 'b' LIMIT 5"))
                .containsExactly("cpu: [>= '2024-01-01', >= 'a', <= 'b']");
        assertThat(bounds("SELECT * FROM cpu WHERE time = '2024-01-01T00:00:00'"))
                .containsExactly("cpu: [>= '2024-01-01T00:00:00', <= '2024-01-01T00:00:00']");
        assertThat(bounds("SELECT * FROM cpu WHERE (host = 'a' OR host = 'b') AND time > '2024'"))
                .containsExactly("cpu: [>= '2024']");
    }

    @Test
    void anythingNotAPlainConjunctionOnOneTableGivesNoBounds() {
        assertThat(bounds("SELECT * FROM cpu WHERE time > '2024' OR host = 'a'")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu WHERE NOT (time > '2024')")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu JOIN mem ON cpu.time = mem.time WHERE cpu.time > '2024'")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu, mem WHERE time > '2024'")).isEmpty();
        assertThat(bounds("WITH x AS (SELECT * FROM cpu) SELECT * FROM x WHERE time > '2024'")).isEmpty();
        assertThat(bounds("SELECT * FROM (SELECT * FROM cpu) WHERE time > '2024'")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu WHERE time > (SELECT max(time) FROM mem)")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu WHERE time <> '2024'")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu")).isEmpty();
        assertThat(bounds("SELECT * FROM cpu WHERE host = 'time > 1'")).isEmpty();
    }
}
