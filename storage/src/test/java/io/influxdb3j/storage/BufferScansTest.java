package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer as DuckDB reads it in place: once per registration, or copied; memory freed when no one holds it. */
class BufferScansTest {
    @TempDir
    Path dir;

    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
    private TestingStorage s;

    @BeforeEach
    void open() {
        s = new TestingStorage(dir, time);
        s.writeOk("db", """
                m,t=a f=1 10
                m,t=b f=2 20
                m,t=a f=3 30
                """);
    }

    @AfterEach
    void close() {
        s.close();
    }

    private static long count(DuckDBConnection c, String source) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM (" + source + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What the query executor's retry relies on: a second read of one registration fails with this message. */
    @Test
    void aRegistrationReadsOnceUnlessTheBufferIsCopied() throws SQLException {
        DatabaseSchema db = s.db("db");
        TableSchema m = db.table("m");
        DuckDBConnection c = s.storage.duck().connect();
        BufferScans scans = s.storage.buffer().scans(c, false);
        try (c) {
            String source = s.storage.sources().selectSql(scans, db, m);
            assertThat(count(c, source)).isEqualTo(3);
            assertThatThrownBy(() -> count(c, source)).hasMessageContaining("stream has been released");
        } finally {
            scans.close();
        }
        DuckDBConnection c2 = s.storage.duck().connect();
        BufferScans copied = s.storage.buffer().scans(c2, true);
        try (c2) {
            String source = s.storage.sources().selectSql(copied, db, m);
            assertThat(count(c2, source)).isEqualTo(3);
            assertThat(count(c2, source)).isEqualTo(3);
            assertThat(count(c2, "SELECT * FROM (" + source + ") x JOIN (" + source + ") y USING (t)")).isEqualTo(5);
        } finally {
            copied.close();
        }
        assertThat(s.storage.buffer().allocatedBytes()).as("only the buffer's own batches").isPositive();
    }

    @Test
    void aTimeRangeNoBatchMeetsReadsAsEmptyInPlaceAndCopied() throws SQLException {
        DatabaseSchema db = s.db("db");
        TableSchema m = db.table("m");
        for (boolean copy : new boolean[] {false, true}) {
            DuckDBConnection c = s.storage.duck().connect();
            BufferScans scans = s.storage.buffer().scans(c, copy);
            try (c) {
                assertThat(count(c, s.storage.sources().selectSql(scans, db, m, 1_000, 2_000))).isZero();
                // batches are chosen whole: the query's own time filter picks the rows
                assertThat(count(c, s.storage.sources().selectSql(scans, db, m, 15, 25))).isEqualTo(3);
            } finally {
                scans.close();
            }
        }
    }

    @Test
    void registrationsAStatementNeverReadAreFreedWithTheConnection() throws SQLException {
        DatabaseSchema db = s.db("db");
        TableSchema m = db.table("m");
        long buffered = s.storage.buffer().allocatedBytes();
        for (int i = 0; i < 3; i++) {
            DuckDBConnection c = s.storage.duck().connect();
            BufferScans scans = s.storage.buffer().scans(c, false);
            try (c) {
                String source = s.storage.sources().selectSql(scans, db, m);
                assertThatThrownBy(() -> count(c, "SELECT no_such_column FROM (" + source + ")"))
                        .hasMessageContaining("no_such_column");
                s.storage.sources().selectSql(scans, db, m); // registered, never read
            } finally {
                scans.close();
            }
        }
        assertThat(s.storage.buffer().allocatedBytes()).isEqualTo(buffered);
    }

    @Test
    void aSnapshotDropsBatchesAQueryStillReadsAndTheirMemoryGoesWithTheQuery() throws SQLException {
        DatabaseSchema db = s.db("db");
        TableSchema m = db.table("m");
        long buffered = s.storage.buffer().allocatedBytes();
        assertThat(buffered).isPositive();
        DuckDBConnection c = s.storage.duck().connect();
        BufferScans scans = s.storage.buffer().scans(c, false);
        try (c) {
            String source = s.storage.sources().selectSql(scans, db, m);
            assertThat(s.storage.forceSnapshot()).hasSize(1);
            assertThat(s.storage.buffer().table(db.id(), m.id()).rowCount).isZero();
            assertThat(s.storage.buffer().allocatedBytes()).as("held by the registered statement").isPositive();
            assertThat(count(c, source)).isEqualTo(3);
        } finally {
            scans.close();
        }
        assertThat(s.storage.buffer().allocatedBytes()).isZero();
        assertThat(s.rows("db", "m")).hasSize(3);
        s.writeOk("db", "m,t=c f=4 40\n");
        assertThat(s.rows("db", "m")).hasSize(4);
        assertThat(s.storage.buffer().allocatedBytes()).isPositive();
    }
}
