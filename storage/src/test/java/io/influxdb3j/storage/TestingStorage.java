package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogLimits;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.Precision;
import io.influxdb3j.objectstore.FileObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@link Storage} over a {@link FileObjectStore} in a test directory, with a settable clock,
 * automatic snapshots switched off and helpers to write line protocol and read a table back.
 * {@link #reopen()} closes everything and opens a new catalog and storage over the same directory,
 * as a restart would.
 */
final class TestingStorage implements AutoCloseable {
    static final String NODE = "node1";
    static final long GEN1 = Duration.ofMinutes(10).toNanos();

    final Path dir;
    final TestingTimeProvider time;
    private final CatalogLimits limits;
    private final int walFilesToKeep;
    FileObjectStore store;
    Catalog catalog;
    Storage storage;

    TestingStorage(Path dir, TestingTimeProvider time) {
        this(dir, time, CatalogLimits.DEFAULT, 0);
    }

    TestingStorage(Path dir, TestingTimeProvider time, CatalogLimits limits, int walFilesToKeep) {
        this.dir = dir;
        this.time = time;
        this.limits = limits;
        this.walFilesToKeep = walFilesToKeep;
        open();
    }

    static StorageConfig config(int walFilesToKeep) {
        // walSnapshotSize and forceSnapshotBytes so large that only forceSnapshot() persists
        return new StorageConfig(NODE, GEN1, Duration.ofMillis(5), 10_000, 1_000_000, walFilesToKeep,
                Long.MAX_VALUE, true, 432);
    }

    private void open() {
        store = new FileObjectStore(dir);
        catalog = Catalog.loadOrCreate(store, NODE, limits, GEN1, time);
        storage = Storage.open(store, catalog, config(walFilesToKeep), time);
    }

    void reopen() {
        storage.close();
        open();
    }

    ValidatedWrite write(String db, String lp) {
        return write(db, lp, Precision.NANOSECOND, true);
    }

    ValidatedWrite write(String db, String lp, Precision precision, boolean acceptPartial) {
        byte[] body = lp.getBytes(StandardCharsets.UTF_8);
        return storage.write(db, body, 0, body.length, precision, acceptPartial, false);
    }

    /** Writes lines that must all be accepted. */
    void writeOk(String db, String lp) {
        ValidatedWrite w = write(db, lp);
        assertThat(w.errors()).as("line errors of %s", lp).isEmpty();
    }

    DatabaseSchema db(String name) {
        return catalog.snapshot().database(name);
    }

    TableSchema table(String db, String table) {
        return db(db).table(table);
    }

    /** The table's rows as {@code SELECT *} returns them, time as epoch nanoseconds, ordered by every column. */
    List<List<Object>> rows(String db, String table) {
        return query(db, table, "SELECT * REPLACE (epoch_ns(time) AS time) FROM (%s) ORDER BY ALL");
    }

    /** Column names of {@code SELECT *} over the table, in order. */
    List<String> columnNames(String db, String table) {
        List<String> names = new ArrayList<>();
        withSql(db, table, "SELECT * FROM (%s) LIMIT 0", rs -> {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                names.add(md.getColumnName(i));
            }
        });
        return names;
    }

    List<List<Object>> query(String db, String table, String wrapper) {
        List<List<Object>> rows = new ArrayList<>();
        withSql(db, table, wrapper, rs -> {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        });
        return rows;
    }

    interface ResultConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    void withSql(String db, String table, String wrapper, ResultConsumer consumer) {
        DatabaseSchema d = db(db);
        TableSchema t = d.table(table);
        storage.buffer().lock().readLock().lock();
        org.duckdb.DuckDBConnection c = storage.duck().connect();
        BufferScans scans = storage.buffer().scans(c, wrapper.indexOf("%s") != wrapper.lastIndexOf("%s"));
        try (c; Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(wrapper.replace("%s", storage.sources().selectSql(scans, d, t)))) {
            consumer.accept(rs);
        } catch (SQLException e) {
            throw new AssertionError("query failed: " + e.getMessage(), e);
        } finally {
            scans.close();
            storage.buffer().lock().readLock().unlock();
        }
    }

    static List<Object> row(Object... values) {
        return java.util.Arrays.asList(values);
    }

    @Override
    public void close() {
        storage.close();
    }
}
