package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.query.format.ResultFormat;
import io.influxdb3j.query.format.ResultWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GapFillTest {
    private static final String RANGE = "time >= '2024-01-01T00:00:00Z' AND time < '2024-01-01T01:00:00Z'";

    private Connection connection;

    @BeforeAll
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("SET TimeZone='UTC'");
            InfluxSqlFunctions.install(connection);
            s.execute("CREATE TABLE cpu (time TIMESTAMP_NS, host VARCHAR, usage DOUBLE, count BIGINT)");
            s.execute("INSERT INTO cpu VALUES"
                    + " (TIMESTAMP_NS '2024-01-01 00:00:00', 'a', 1.0, 10),"
                    + " (TIMESTAMP_NS '2024-01-01 00:05:00', 'a', 1.0, 10),"
                    + " (TIMESTAMP_NS '2024-01-01 00:20:00', 'a', 3.0, 20),"
                    + " (TIMESTAMP_NS '2024-01-01 00:50:00.000000001', 'a', 6.0, 25),"
                    + " (TIMESTAMP_NS '2024-01-01 00:10:00', 'b', 10.0, 1),"
                    + " (TIMESTAMP_NS '2024-01-01 01:00:00', 'b', 99.0, 1),"
                    + " (TIMESTAMP_NS '2023-12-31 23:59:59', 'c', 5.0, 1)");
        }
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void queriesWithoutGapfillAreUntouched() {
        String sql = "SELECT date_bin(INTERVAL '1 hour', time), avg(usage) FROM cpu GROUP BY 1 -- date_bin_gapfill";
        assertThat(GapFill.rewrite(sql)).isSameAs(sql);
    }

    @Test
    void fillsEveryBinOfEverySeries() throws Exception {
        assertThat(csv("SELECT date_bin_gapfill(INTERVAL '10 minutes', time) AS t, host, avg(usage) AS a,"
                + " locf(avg(usage)) AS l, interpolate(avg(usage)) AS i FROM cpu WHERE " + RANGE + " GROUP BY 1, host"))
                .isEqualTo("""
                        t,host,a,l,i
                        2024-01-01T00:00:00,a,1.0,1.0,1.0
                        2024-01-01T00:10:00,a,,1.0,2.0
                        2024-01-01T00:20:00,a,3.0,3.0,3.0
                        2024-01-01T00:30:00,a,,3.0,4.0
                        2024-01-01T00:40:00,a,,3.0,5.0
                        2024-01-01T00:50:00,a,6.0,6.0,6.0
                        2024-01-01T00:00:00,b,,,
                        2024-01-01T00:10:00,b,10.0,10.0,10.0
                        2024-01-01T00:20:00,b,,10.0,
                        2024-01-01T00:30:00,b,,10.0,
                        2024-01-01T00:40:00,b,,10.0,
                        2024-01-01T00:50:00,b,,10.0,
                        """);
    }

    @Test
    void withoutSeriesColumnsAndWithUnaliasedColumns() throws Exception {
        assertThat(csv("SELECT date_bin_gapfill('20 minutes', time), count(*) FROM cpu"
                + " WHERE host = 'a' AND " + RANGE + " GROUP BY date_bin_gapfill('20 minutes', time)"))
                .isEqualTo("""
                        "date_bin_gapfill('20 minutes', time)",count(*)
                        2024-01-01T00:00:00,2
                        2024-01-01T00:20:00,1
                        2024-01-01T00:40:00,1
                        """);
    }

    @Test
    void integerInterpolationStaysInteger() throws Exception {
        assertThat(csv("SELECT date_bin_gapfill(INTERVAL '10 minutes', time) AS t, interpolate(max(count)) AS c"
                + " FROM cpu WHERE host = 'a' AND " + RANGE + " GROUP BY t"))
                .isEqualTo("""
                        t,c
                        2024-01-01T00:00:00,10
                        2024-01-01T00:10:00,15
                        2024-01-01T00:20:00,20
                        2024-01-01T00:30:00,22
                        2024-01-01T00:40:00,23
                        2024-01-01T00:50:00,25
                        """);
    }

    @Test
    void betweenIncludesTheUpperBinAndOrderByAndLimitApply() throws Exception {
        assertThat(csv("SELECT host, date_bin_gapfill(INTERVAL '30 minutes', time) AS t, sum(usage) AS s FROM cpu"
                + " WHERE time BETWEEN '2024-01-01T00:00:00Z' AND '2024-01-01T01:00:00Z' AND host <> 'c'"
                + " GROUP BY host, t ORDER BY t DESC, host LIMIT 4"))
                .isEqualTo("""
                        host,t,s
                        a,2024-01-01T01:00:00,
                        b,2024-01-01T01:00:00,99.0
                        a,2024-01-01T00:30:00,6.0
                        b,2024-01-01T00:30:00,
                        """);
    }

    @Test
    void boundsMayBeReversedParenthesisedOrRelativeToNow() throws Exception {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE recent AS SELECT now() - INTERVAL '150 seconds' AS time, 1.0 AS usage");
        }
        try {
            String csv = csv("SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS t, count(usage) AS n FROM recent"
                    + " WHERE (now() - INTERVAL '10 minutes' <= time) AND (time < now()) GROUP BY 1");
            // 10 or 11 bins depending on where now() falls in its minute, one of them counting the row.
            assertThat(csv.lines().skip(1).count()).isBetween(10L, 11L);
            assertThat(csv.lines().filter(l -> l.endsWith(",1")).count()).isEqualTo(1);
            assertThat(csv.lines().filter(l -> l.endsWith(",0")).count()).isZero();
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("DROP TABLE recent");
            }
        }
    }

    @Test
    void originShiftsTheBins() throws Exception {
        assertThat(csv("SELECT date_bin_gapfill(INTERVAL '30 minutes', time, TIMESTAMP '2000-01-01 00:15:00') AS t,"
                + " count(usage) AS n FROM cpu WHERE host = 'a' AND " + RANGE + " GROUP BY 1"))
                .isEqualTo("""
                        t,n
                        2023-12-31T23:45:00,2
                        2024-01-01T00:15:00,1
                        2024-01-01T00:45:00,1
                        """);
    }

    @Test
    void keepsCommonTableExpressions() throws Exception {
        assertThat(csv("WITH a AS (SELECT * FROM cpu WHERE host = 'a') SELECT date_bin_gapfill(INTERVAL '30 minutes', time)"
                + " AS t, locf(last(usage ORDER BY time)) AS u FROM a WHERE " + RANGE + " GROUP BY 1"))
                .isEqualTo("t,u\n2024-01-01T00:00:00,3.0\n2024-01-01T00:30:00,6.0\n");
    }

    @Test
    void missingBoundsAreRejectedAsInInfluxDb() {
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time), count(*) FROM cpu GROUP BY 1"))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUERY))
                .hasMessageContaining("gap-filling query is missing both upper and lower time bounds");
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time), count(*) FROM cpu"
                + " WHERE time < now() GROUP BY 1"))
                .hasMessageContaining("gap-filling query is missing lower time bound");
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time), count(*) FROM cpu"
                + " WHERE time > now() - INTERVAL '1 hour' GROUP BY 1"))
                .hasMessageContaining("gap-filling query is missing upper time bound");
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time), count(*) FROM cpu"
                + " WHERE time > now() - INTERVAL '1 hour' OR time < now() GROUP BY 1"))
                .hasMessageContaining("missing both upper and lower time bounds");
    }

    @Test
    void unsupportedShapesAreRejectedClearly() {
        assertThatThrownBy(() -> GapFill.rewrite("SELECT * FROM (SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS t,"
                + " count(*) FROM cpu WHERE " + RANGE + " GROUP BY 1)"))
                .hasMessageContaining("outermost query");
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS t, count(*)"
                + " FROM cpu WHERE " + RANGE))
                .hasMessageContaining("GROUP BY");
        assertThatThrownBy(() -> GapFill.rewrite("SELECT date_bin_gapfill(INTERVAL '1 minute', time) AS t, count(*)"
                + " FROM cpu WHERE " + RANGE + " GROUP BY 1, host"))
                .hasMessageContaining("GROUP BY expression in the SELECT list: host");
    }

    private String csv(String sql) throws SQLException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(GapFill.rewrite(sql))) {
            ResultWriter.write(rs, ResultFormat.CSV, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
