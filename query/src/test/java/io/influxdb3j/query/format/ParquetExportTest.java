package io.influxdb3j.query.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetExportTest {
    @TempDir
    Path dir;

    private Connection connection;

    @BeforeEach
    void createTable() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE cpu (host VARCHAR, time TIMESTAMP_NS, usage DOUBLE, big UBIGINT)");
            s.execute("INSERT INTO cpu VALUES ('a', TIMESTAMP_NS '2024-05-09 21:08:52.227359715', 0.54, 18446744073709551615),"
                    + " ('b', TIMESTAMP_NS '1970-01-01 00:00:00.000000001', NULL, 0)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void writesOneFileWithNanosecondTime() throws SQLException {
        Path out = dir.resolve("result.parquet");
        assertThat(ParquetExport.write(connection, "SELECT * FROM cpu ORDER BY host", out)).isEqualTo(2);
        assertThat(out).exists();
        assertThat(single("SELECT logical_type FROM parquet_schema('" + out + "') WHERE name = 'time'"))
                .asString().contains("isAdjustedToUTC=0").contains("NANOS=NanoSeconds()");
        assertThat(single("SELECT time FROM '" + out + "' WHERE host = 'a'"))
                .isEqualTo(LocalDateTime.parse("2024-05-09T21:08:52.227359715"));
        assertThat(single("SELECT big FROM '" + out + "' WHERE host = 'a'")).hasToString("18446744073709551615");
    }

    @Test
    void emptyResultLeavesNoFile() throws SQLException {
        Path out = dir.resolve("empty.parquet");
        assertThat(ParquetExport.write(connection, "SELECT * FROM cpu WHERE false", out)).isZero();
        assertThat(out).doesNotExist();
    }

    @Test
    void failedQueryLeavesNoFile() throws Exception {
        Path out = dir.resolve("failed.parquet");
        Files.writeString(out, "stale");
        assertThatThrownBy(() -> ParquetExport.write(connection, "SELECT nope FROM cpu", out))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("nope");
        assertThat(out).doesNotExist();
    }

    @Test
    void toleratesTrailingSemicolonAndCommentAndQuotesInThePath() throws SQLException {
        Path out = dir.resolve("it's.parquet");
        assertThat(ParquetExport.write(connection, "SELECT host FROM cpu -- all hosts\n;  ", out)).isEqualTo(2);
        assertThat(single("SELECT count(*) FROM read_parquet('" + out.toString().replace("'", "''") + "')"))
                .isEqualTo(2L);
    }

    private Object single(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            Object value = rs.getObject(1);
            return value instanceof java.sql.Timestamp ? rs.getObject(1, LocalDateTime.class) : value;
        }
    }
}
