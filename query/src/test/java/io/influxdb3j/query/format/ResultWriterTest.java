package io.influxdb3j.query.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultWriterTest {
    /** Tags, nanosecond times, every InfluxDB field type, nulls, and values that need quoting or escaping. */
    private static final String CPU = "SELECT * FROM cpu ORDER BY time";

    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        execute("SET TimeZone='UTC'");
        execute("CREATE TABLE cpu (host VARCHAR, time TIMESTAMP_NS, usage DOUBLE, count BIGINT, big UBIGINT,"
                + " label VARCHAR, ok BOOLEAN)");
        execute("INSERT INTO cpu VALUES"
                + " ('server01', TIMESTAMP_NS '2024-05-09 21:08:52.227359715', 0.54, 1, 18446744073709551615, 'plain', true),"
                + " ('server02', TIMESTAMP_NS '2024-05-09 21:08:52.229', 2.0, -7, 0, 'has,comma \"and quotes\"', false),"
                + " ('server03', TIMESTAMP_NS '1970-01-01 00:16:40', NULL, NULL, NULL, NULL, NULL),"
                + " ('server04', TIMESTAMP_NS '1970-01-01 00:00:00.000000123', 'NaN', 9223372036854775807, 42,"
                + " 'line1\nline2', true),"
                + " ('ünï,cödé', TIMESTAMP_NS '2024-05-09 21:08:52.229494', 1.0e10, 0, 1, '', false)");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void jsonGolden() throws Exception {
        GoldenFiles.assertMatches("cpu.json", write(CPU, ResultFormat.JSON));
    }

    @Test
    void jsonlGolden() throws Exception {
        GoldenFiles.assertMatches("cpu.jsonl", write(CPU, ResultFormat.JSONL));
    }

    @Test
    void csvGolden() throws Exception {
        GoldenFiles.assertMatches("cpu.csv", write(CPU, ResultFormat.CSV));
    }

    @Test
    void prettyGolden() throws Exception {
        GoldenFiles.assertMatches("cpu.pretty.txt", write(CPU, ResultFormat.PRETTY));
    }

    @Test
    void readmeExampleInEveryFormat() throws Exception {
        execute("CREATE TABLE readme (mytag1 VARCHAR, time TIMESTAMP_NS, value DOUBLE)");
        execute("INSERT INTO readme VALUES ('sometag', TIMESTAMP_NS '2024-05-09 21:08:52.227359715', 0.54),"
                + " ('sometag', TIMESTAMP_NS '2024-05-09 21:08:52.229494943', 0.55)");
        String sql = "SELECT mytag1, time, value FROM readme ORDER BY time";

        assertThat(write(sql, ResultFormat.PRETTY)).isEqualTo("""
                +---------+-------------------------------+-------+
                | mytag1  | time                          | value |
                +---------+-------------------------------+-------+
                | sometag | 2024-05-09T21:08:52.227359715 | 0.54  |
                | sometag | 2024-05-09T21:08:52.229494943 | 0.55  |
                +---------+-------------------------------+-------+""");
        assertThat(write(sql, ResultFormat.JSON)).isEqualTo(
                "[{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:08:52.227359715\",\"value\":0.54},"
                        + "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:08:52.229494943\",\"value\":0.55}]");
        assertThat(write(sql, ResultFormat.JSONL)).isEqualTo(
                "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:08:52.227359715\",\"value\":0.54}\n"
                        + "{\"mytag1\":\"sometag\",\"time\":\"2024-05-09T21:08:52.229494943\",\"value\":0.55}\n");
        assertThat(write(sql, ResultFormat.CSV)).isEqualTo("""
                mytag1,time,value
                sometag,2024-05-09T21:08:52.227359715,0.54
                sometag,2024-05-09T21:08:52.229494943,0.55
                """);
    }

    @Test
    void emptyResults() throws Exception {
        String none = "SELECT * FROM cpu WHERE false";
        assertThat(write(none, ResultFormat.JSON)).isEqualTo("[]");
        assertThat(write(none, ResultFormat.JSONL)).isEmpty();
        assertThat(write(none, ResultFormat.CSV)).isEmpty();
        assertThat(write(none, ResultFormat.PRETTY)).isEqualTo("++\n++");
    }

    @Test
    void timestampsKeepNanosecondsAndDropZeroFractions() throws Exception {
        String sql = "SELECT * FROM (VALUES"
                + " (TIMESTAMP_NS '1970-01-01 00:00:00.000000123'), (TIMESTAMP_NS '1970-01-01 00:16:40'),"
                + " (TIMESTAMP_NS '2024-01-01 00:00:00.1'), (TIMESTAMP_NS '2024-01-01 00:00:00.12'),"
                + " (TIMESTAMP_NS '2024-01-01 00:00:00.1234'), (TIMESTAMP_NS '2024-01-01 00:00:00.1234567'),"
                + " (TIMESTAMP_NS '1969-12-31 23:59:59.999999999'), (TIMESTAMP_NS '2262-04-11 23:47:16.854775806'),"
                // 02:30 on 2024-10-06 does not exist in the test JVM's zone (Australia/Adelaide): no shift allowed.
                + " (TIMESTAMP_NS '2024-10-06 02:30:00.000000001')) t(time)";
        assertThat(write(sql, ResultFormat.CSV)).isEqualTo("""
                time
                1970-01-01T00:00:00.000000123
                1970-01-01T00:16:40
                2024-01-01T00:00:00.100
                2024-01-01T00:00:00.120
                2024-01-01T00:00:00.123400
                2024-01-01T00:00:00.123456700
                1969-12-31T23:59:59.999999999
                2262-04-11T23:47:16.854775806
                2024-10-06T02:30:00.000000001
                """);
    }

    @Test
    void otherTimestampTypesRenderTheSameWay() throws Exception {
        String sql = "SELECT TIMESTAMP '2024-10-06 02:30:00.123456' AS micros, TIMESTAMP_MS '2024-01-01 00:00:00.5' AS millis,"
                + " TIMESTAMP_S '2024-01-01 00:00:01' AS secs, TIMESTAMPTZ '2024-01-01 10:30:00.25+10:30' AS tz,"
                + " DATE '2024-02-29' AS day, TIME '13:14:15.5' AS clock, TIME '01:02:00' AS whole";
        assertThat(write(sql, ResultFormat.JSON)).isEqualTo("[{\"micros\":\"2024-10-06T02:30:00.123456\","
                + "\"millis\":\"2024-01-01T00:00:00.500\",\"secs\":\"2024-01-01T00:00:01\",\"tz\":\"2024-01-01T00:00:00.250\","
                + "\"day\":\"2024-02-29\",\"clock\":\"13:14:15.500\",\"whole\":\"01:02:00\"}]");
    }

    @Test
    void timestampTzIsIndependentOfTheSessionZone() throws Exception {
        execute("SET TimeZone='Asia/Kathmandu'");
        assertThat(write("SELECT TIMESTAMPTZ '2024-01-01 00:00:00.123+00' AS t", ResultFormat.CSV))
                .isEqualTo("t\n2024-01-01T00:00:00.123\n");
    }

    @Test
    void jsonOmitsNullsAndWritesNonFiniteFloatsAsNull() throws Exception {
        String sql = "SELECT 'a' AS tag, NULL::DOUBLE AS missing, 'NaN'::DOUBLE AS nan, 'inf'::DOUBLE AS inf,"
                + " '-inf'::DOUBLE AS ninf, 2.0::DOUBLE AS two, 0.1::FLOAT AS f";
        assertThat(write(sql, ResultFormat.JSON))
                .isEqualTo("[{\"tag\":\"a\",\"nan\":null,\"inf\":null,\"ninf\":null,\"two\":2.0,\"f\":0.1}]");
        assertThat(write(sql, ResultFormat.CSV)).isEqualTo("tag,missing,nan,inf,ninf,two,f\na,,NaN,inf,-inf,2.0,0.1\n");
    }

    @Test
    void integersOfEveryWidthAndSignedness() throws Exception {
        String sql = "SELECT 18446744073709551615::UBIGINT AS u64, (-9223372036854775808)::BIGINT AS i64,"
                + " 4294967295::UINTEGER AS u32, -1::TINYINT AS i8, 170141183460469231731687303715884105727::HUGEINT AS i128,"
                + " 12.50::DECIMAL(10,2) AS dec";
        assertThat(write(sql, ResultFormat.JSON)).isEqualTo("[{\"u64\":18446744073709551615,"
                + "\"i64\":-9223372036854775808,\"u32\":4294967295,\"i8\":-1,"
                + "\"i128\":170141183460469231731687303715884105727,\"dec\":12.50}]");
        JsonNode parsed = new ObjectMapper().readTree(write(sql, ResultFormat.JSON));
        assertThat(parsed.get(0).get("u64").bigIntegerValue()).hasToString("18446744073709551615");
    }

    @Test
    void structsAndListsNestInJsonAndPrintAsArrowTextElsewhere() throws Exception {
        String sql = "SELECT {'value': 1.0::DOUBLE, 'time': TIMESTAMP_NS '2024-01-01 00:00:00.000000001'} AS s,"
                + " [1, 2, NULL] AS l, {'value': NULL::DOUBLE, 'time': TIMESTAMP_NS '2024-10-06 03:30:00'} AS partial,"
                + " [{'a': 'x'}] AS deep, ['q\"uote'] AS strs, MAP {'k': 1} AS m";
        assertThat(write(sql, ResultFormat.JSON)).isEqualTo("[{"
                + "\"s\":{\"value\":1.0,\"time\":\"2024-01-01T00:00:00.000000001\"},"
                + "\"l\":[1,2,null],"
                + "\"partial\":{\"time\":\"2024-10-06T03:30:00\"},"
                + "\"deep\":[{\"a\":\"x\"}],\"strs\":[\"q\\\"uote\"],\"m\":{\"k\":1}}]");
        assertThat(write(sql, ResultFormat.PRETTY)).isEqualTo("""
                +---------------------------------------------------+----------+--------------------------------------+----------+----------+--------+
                | s                                                 | l        | partial                              | deep     | strs     | m      |
                +---------------------------------------------------+----------+--------------------------------------+----------+----------+--------+
                | {value: 1.0, time: 2024-01-01T00:00:00.000000001} | [1, 2, ] | {value: , time: 2024-10-06T03:30:00} | [{a: x}] | [q"uote] | {k: 1} |
                +---------------------------------------------------+----------+--------------------------------------+----------+----------+--------+""");
    }

    @Test
    void intervalsUuidsAndBlobs() throws Exception {
        String sql = "SELECT INTERVAL '1 hour 30 minutes' AS i, INTERVAL '2 days' AS d,"
                + " '00000000-0000-0000-0000-000000000001'::UUID AS id, '\\xCA\\xFE'::BLOB AS b";
        assertThat(write(sql, ResultFormat.JSON)).isEqualTo("[{\"i\":\"01:30:00\",\"d\":\"2 days\","
                + "\"id\":\"00000000-0000-0000-0000-000000000001\",\"b\":\"cafe\"}]");
    }

    @Test
    void csvQuotesOnlyWhatNeedsQuoting() throws Exception {
        String sql = "SELECT 'a,b' AS \"col,1\", 'say \"hi\"' AS q, 'x\ny' AS nl, 'plain text' AS p, '' AS e";
        assertThat(write(sql, ResultFormat.CSV))
                .isEqualTo("\"col,1\",q,nl,p,e\n\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain text,\n");
    }

    @Test
    void prettySplitsMultiLineCellsAndCountsWideCharacters() throws Exception {
        String sql = "SELECT 'a\nbbb' AS x, '日本' AS y";
        assertThat(write(sql, ResultFormat.PRETTY)).isEqualTo("""
                +-----+------+
                | x   | y    |
                +-----+------+
                | a   | 日本 |
                | bbb |      |
                +-----+------+""");
    }

    @Test
    void writesRowsCountAndLeavesStreamOpen() throws Exception {
        ClosingDetector out = new ClosingDetector();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(CPU)) {
            assertThat(ResultWriter.write(rs, ResultFormat.JSON, out)).isEqualTo(5);
        }
        assertThat(out.closed).isFalse();
        assertThat(out.flushed).isTrue();
    }

    @Test
    void parquetIsNotAStreamedFormat() throws Exception {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(CPU)) {
            assertThatThrownBy(() -> ResultWriter.write(rs, ResultFormat.PARQUET, new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ParquetExport");
        }
    }

    @Test
    void streamsAMillionRowsWithoutBufferingThem() throws Exception {
        String sql = "SELECT make_timestamp_ns(i * 1000000001) AS time, i / 3.0 AS usage FROM range(1000000) t(i)";
        CountingStream out = new CountingStream();
        long before = usedHeap();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(ResultWriter.write(rs, ResultFormat.CSV, out)).isEqualTo(1_000_000);
        }
        assertThat(out.bytes).isGreaterThan(40_000_000L);
        // The body is over 40 MB; the writer must not have held on to it.
        assertThat(usedHeap() - before).isLessThan(out.bytes / 4);
    }

    @Test
    void jsonStreamsToo() throws Exception {
        String sql = "SELECT i AS n FROM range(100000) t(i)";
        CountingStream out = new CountingStream();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(ResultWriter.write(rs, ResultFormat.JSONL, out)).isEqualTo(100_000);
        }
        // {"n":0}\n ... {"n":99999}\n
        assertThat(out.bytes).isEqualTo(100_000L * 7 + 488_890);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private String write(String sql, ResultFormat format) throws SQLException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultWriter.write(rs, format, out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static final class CountingStream extends OutputStream {
        long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }

    private static final class ClosingDetector extends ByteArrayOutputStream {
        boolean closed;
        boolean flushed;

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void flush() {
            flushed = true;
        }
    }
}
