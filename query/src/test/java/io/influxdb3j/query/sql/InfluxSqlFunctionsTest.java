package io.influxdb3j.query.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.TimeFormat;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfluxSqlFunctionsTest {
    private Connection connection;

    /** Opens the connection the tests query, with the functions installed. */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        InfluxSqlFunctions.install(c);
        return c;
    }

    /** One database for all tests: opening DuckDB dominates otherwise. Tests leave it as they found it. */
    @BeforeAll
    void open() throws SQLException {
        connection = connect();
        execute("SET TimeZone='UTC'");
        execute("CREATE TABLE cpu (time TIMESTAMP_NS, host VARCHAR, usage DOUBLE, count BIGINT)");
        execute("INSERT INTO cpu VALUES"
                + " (TIMESTAMP_NS '2024-01-01 00:00:00.000000001', 'a', 5.0, 1),"
                + " (TIMESTAMP_NS '2024-01-01 00:10:00', 'a', NULL, 2),"
                + " (TIMESTAMP_NS '2024-01-01 00:20:00', 'a', 1.0, 3),"
                + " (TIMESTAMP_NS '2024-01-01 00:30:00', 'a', 5.0, 4),"
                + " (TIMESTAMP_NS '2024-01-01 00:40:00', 'a', 1.0, 5),"
                + " (TIMESTAMP_NS '2024-01-01 00:50:00.000000002', 'a', NULL, 6),"
                + " (TIMESTAMP_NS '2024-01-01 01:05:00', 'b', 7.5, 7)");
    }

    @AfterAll
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void macrosLiveOutsideTheUserDatabase() throws SQLException {
        assertThat(text("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'date_bin'"
                + " AND database_name = current_database()")).isEqualTo("0");
        assertThat(text("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'cpu' AND database_name = current_database()"))
                .isEqualTo("1");
    }

    @Test
    void installIsIdempotentAndPerDatabaseInstance() throws SQLException {
        InfluxSqlFunctions.install(connection);
        assertThat(text("SELECT date_bin(INTERVAL '1 hour', TIMESTAMP_NS '2024-01-01 10:30:00')"))
                .isEqualTo("2024-01-01T10:00:00");
        try (Connection other = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = other.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELECT date_bin(INTERVAL '1 hour', TIMESTAMP '2024-01-01')"))
                    .isInstanceOf(SQLException.class);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "INTERVAL '1 hour'    | 2024-01-01 10:30:00.123456789 | 2024-01-01T10:00:00",
        "'10 minutes'         | 2024-01-01 10:37:12           | 2024-01-01T10:30:00",
        "'1 hour'             | 2024-01-01 10:00:00           | 2024-01-01T10:00:00",
        "INTERVAL '1 second'  | 2024-01-01 00:00:00.999999999 | 2024-01-01T00:00:00",
        "INTERVAL '1 ms'      | 2024-01-01 00:00:00.001999999 | 2024-01-01T00:00:00.001",
        // Aligned on 1970-01-01 (a Thursday), not on DuckDB's 2000-01-03 (a Monday).
        "INTERVAL '7 days'    | 2024-03-15 10:20:00           | 2024-03-14T00:00:00",
        "INTERVAL '1 day'     | 2024-03-15 10:20:00           | 2024-03-15T00:00:00",
        "INTERVAL '90 minutes'| 1970-01-01 02:59:59           | 1970-01-01T01:30:00",
        "INTERVAL '1 hour'    | 1969-12-31 23:59:59.999999999 | 1969-12-31T23:00:00",
        "INTERVAL '1 month'   | 2024-03-31 23:59:59.9999999   | 2024-03-01T00:00:00",
        "INTERVAL '3 months'  | 2024-03-15 10:00:00           | 2024-01-01T00:00:00",
        "INTERVAL '1 year'    | 2024-03-15 10:00:00           | 2024-01-01T00:00:00",
        "INTERVAL '1 month'   | 1969-11-15 00:00:00           | 1969-11-01T00:00:00",
    })
    void dateBinMatchesDataFusion(String stride, String time, String expected) throws SQLException {
        assertThat(text("SELECT date_bin(" + stride + ", TIMESTAMP_NS '" + time + "')")).isEqualTo(expected);
    }

    @Test
    void dateBinWithOrigin() throws SQLException {
        assertThat(text("SELECT date_bin(INTERVAL '1 hour', TIMESTAMP_NS '2024-01-01 10:30:00',"
                + " TIMESTAMP '2024-01-01 00:15:00')")).isEqualTo("2024-01-01T10:15:00");
        assertThat(text("SELECT date_bin('15 minutes', TIMESTAMP_NS '2024-01-01 10:14:00', '2000-01-01T00:05:00Z')"))
                .isEqualTo("2024-01-01T10:05:00");
        assertThat(text("SELECT date_bin(INTERVAL '1 month', TIMESTAMP_NS '2024-03-10 00:00:00',"
                + " TIMESTAMP '1970-01-15 00:00:00')")).isEqualTo("2024-02-15T00:00:00");
        assertThat(text("SELECT date_bin(INTERVAL '1 month', TIMESTAMP_NS '2024-03-15 00:00:00',"
                + " TIMESTAMP '1970-01-15 00:00:00')")).isEqualTo("2024-03-15T00:00:00");
        assertThat(text("SELECT date_bin(INTERVAL '2 months', TIMESTAMP_NS '1969-12-20 00:00:00.000000001',"
                + " TIMESTAMP '1970-01-15 12:00:00')")).isEqualTo("1969-11-15T12:00:00");
    }

    @Test
    void dateBinTypeNullsAndErrors() throws SQLException {
        assertThat(text("SELECT typeof(date_bin(INTERVAL '1 hour', time)) FROM cpu LIMIT 1")).isEqualTo("TIMESTAMP_NS");
        assertThat(text("SELECT date_bin(INTERVAL '1 hour', NULL::TIMESTAMP_NS) IS NULL")).isEqualTo("true");
        assertThatThrownBy(() -> text("SELECT date_bin(INTERVAL '1 month 1 day', TIMESTAMP_NS '2024-01-01')"))
                .hasMessageContaining("DATE_BIN stride does not support combination of month, day and nanosecond intervals");
        assertThatThrownBy(() -> text("SELECT date_bin(INTERVAL '0 seconds', TIMESTAMP_NS '2024-01-01')"))
                .hasMessageContaining("DATE_BIN stride must be non-zero");
        assertThatThrownBy(() -> text("SELECT date_bin(INTERVAL '-1 hour', TIMESTAMP_NS '2024-01-01')"))
                .hasMessageContaining("DATE_BIN stride must be non-zero");
    }

    @Test
    void dateBinGroupsRows() throws SQLException {
        assertThat(json("SELECT date_bin(INTERVAL '30 minutes', time) AS bin, count(*) AS n FROM cpu GROUP BY 1 ORDER BY 1"))
                .isEqualTo("[{\"bin\":\"2024-01-01T00:00:00\",\"n\":3},{\"bin\":\"2024-01-01T00:30:00\",\"n\":3},"
                        + "{\"bin\":\"2024-01-01T01:00:00\",\"n\":1}]");
    }

    @Test
    void selectorsReturnValueAndTimeIgnoringNulls() throws SQLException {
        assertThat(json("SELECT selector_first(usage, time) AS first, selector_last(usage, time) AS last,"
                + " selector_min(usage, time) AS min, selector_max(usage, time) AS max FROM cpu WHERE host = 'a'"))
                .isEqualTo("[{"
                        + "\"first\":{\"value\":5.0,\"time\":\"2024-01-01T00:00:00.000000001\"},"
                        + "\"last\":{\"value\":1.0,\"time\":\"2024-01-01T00:40:00\"},"
                        + "\"min\":{\"value\":1.0,\"time\":\"2024-01-01T00:20:00\"},"
                        + "\"max\":{\"value\":5.0,\"time\":\"2024-01-01T00:00:00.000000001\"}}]");
    }

    @Test
    void selectorFieldsCanBeExtracted() throws SQLException {
        assertThat(json("SELECT host, selector_last(usage, time)['value'] AS v, selector_last(usage, time)['time'] AS t,"
                + " selector_max(count, time).value AS c FROM cpu GROUP BY host ORDER BY host"))
                .isEqualTo("[{\"host\":\"a\",\"v\":1.0,\"t\":\"2024-01-01T00:40:00\",\"c\":6},"
                        + "{\"host\":\"b\",\"v\":7.5,\"t\":\"2024-01-01T01:05:00\",\"c\":7}]");
    }

    @Test
    void selectorsOverOnlyNullsAreNull() throws SQLException {
        assertThat(json("SELECT selector_last(usage, time) AS last FROM cpu WHERE usage IS NULL")).isEqualTo("[{}]");
    }

    @Test
    void tzShowsWallClockTimeOfTheZone() throws SQLException {
        assertThat(text("SELECT tz(TIMESTAMP_NS '2024-01-01 00:00:00.000000001', 'Australia/Hobart')"))
                .isEqualTo("2024-01-01T11:00:00.000000001");
        assertThat(text("SELECT tz(TIMESTAMP_NS '2024-07-01 00:00:00', 'Australia/Hobart')"))
                .isEqualTo("2024-07-01T10:00:00");
        assertThat(text("SELECT tz(TIMESTAMP_NS '2024-01-01 00:00:00', 'America/New_York')"))
                .isEqualTo("2023-12-31T19:00:00");
        assertThat(text("SELECT tz(TIMESTAMP_NS '2024-01-01 00:00:00.5')")).isEqualTo("2024-01-01T00:00:00.500");
        assertThatThrownBy(() -> text("SELECT tz(TIMESTAMP_NS '2024-01-01 00:00:00', 'Mars/Olympus')"))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void nowComparesWithNanosecondTimeInAnySessionZone() throws SQLException {
        execute("CREATE TEMP TABLE recent AS SELECT now() - INTERVAL '10 minutes' AS time, 'recent' AS host"
                + " UNION ALL SELECT TIMESTAMP_NS '2020-01-01 00:00:00', 'old'");
        try {
            for (String zone : new String[] {"Australia/Adelaide", "America/St_Johns", "UTC"}) {
                execute("SET TimeZone='" + zone + "'");
                assertThat(text("SELECT string_agg(host) FROM recent WHERE time > now() - INTERVAL '1 hour'"))
                        .isEqualTo("recent");
            }
        } finally {
            execute("SET TimeZone='UTC'");
            execute("DROP TABLE recent");
        }
        assertThat(text("SELECT typeof(now())")).isEqualTo("TIMESTAMP_NS");
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT now()")) {
            rs.next();
            Instant now = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            assertThat(Duration.between(now, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "to_timestamp(1)                                   | 1970-01-01T00:00:01           | TIMESTAMP_NS",
        "to_timestamp(1.5)                                 | 1970-01-01T00:00:01.500       | TIMESTAMP_NS",
        "to_timestamp('2024-01-01T00:00:00.123456789Z')    | 2024-01-01T00:00:00.123456789 | TIMESTAMP_NS",
        "to_timestamp('2024-01-01T00:00:00+02:00')         | 2023-12-31T22:00:00           | TIMESTAMP_NS",
        "to_timestamp('2024-01-01 00:00:00')               | 2024-01-01T00:00:00           | TIMESTAMP_NS",
        "to_timestamp(TIMESTAMP_NS '2024-01-01 00:00:00.000000001') | 2024-01-01T00:00:00.000000001 | TIMESTAMP_NS",
        "to_timestamp(TIMESTAMPTZ '2024-01-01 00:00:00+01')| 2023-12-31T23:00:00           | TIMESTAMP_NS",
        "to_timestamp_nanos(1704067200000000001)           | 2024-01-01T00:00:00.000000001 | TIMESTAMP_NS",
        "to_timestamp_micros(1704067200000001)             | 2024-01-01T00:00:00.000001    | TIMESTAMP",
        "to_timestamp_micros('2024-01-01T00:00:00.0000019Z') | 2024-01-01T00:00:00.000001  | TIMESTAMP",
        "to_timestamp_millis(1704067200001)                | 2024-01-01T00:00:00.001       | TIMESTAMP_MS",
        "to_timestamp_millis('2024-01-01T00:00:00.0019Z')  | 2024-01-01T00:00:00.001       | TIMESTAMP_MS",
        "to_timestamp_seconds(1704067200)                  | 2024-01-01T00:00:00           | TIMESTAMP_S",
        "to_timestamp_seconds('2024-01-01T00:00:01.9Z')    | 2024-01-01T00:00:01           | TIMESTAMP_S",
    })
    void toTimestampFamily(String expression, String expected, String type) throws SQLException {
        assertThat(text("SELECT " + expression)).isEqualTo(expected);
        assertThat(text("SELECT typeof(" + expression + ")")).isEqualTo(type);
    }

    @Test
    void toTimestampComparesWithTheTimeColumn() throws SQLException {
        assertThat(text("SELECT count(*) FROM cpu WHERE time >= to_timestamp('2024-01-01T00:30:00Z')")).isEqualTo("4");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "1.5::DOUBLE | Float64", "1::BIGINT | Int64", "1::UBIGINT | UInt64", "'a' | Utf8", "true | Boolean",
        "TIMESTAMP_NS '2024-01-01' | Timestamp(Nanosecond, None)", "INTERVAL '1 hour' | Interval(MonthDayNano)",
    })
    void arrowTypeof(String expression, String expected) throws SQLException {
        assertThat(text("SELECT arrow_typeof(" + expression + ")")).isEqualTo(expected);
    }

    @Test
    void influxRegexMatchIsUnanchored() throws SQLException {
        assertThat(text("SELECT influx_regex_match('server01', 'ver0')")).isEqualTo("true");
        assertThat(text("SELECT influx_regex_match('server01', '^ver')")).isEqualTo("false");
        assertThat(text("SELECT influx_regex_not_match('server01', '^ver')")).isEqualTo("true");
    }

    /** The single value of a one-row, one-column query, as the writers would print it. */
    private String text(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            Object value = rs.getObject(1);
            if (value instanceof java.sql.Timestamp) {
                LocalDateTime t = rs.getObject(1, LocalDateTime.class);
                Instant i = t.toInstant(ZoneOffset.UTC);
                return TimeFormat.formatNanos(i.getEpochSecond() * 1_000_000_000L + i.getNano());
            }
            return String.valueOf(value);
        }
    }

    private String json(String sql) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultWriter.write(rs, ResultFormat.JSON, out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
