package io.influxdb3j.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.ObjectStore;
import io.influxdb3j.wal.Wal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves buffered rows into Parquet files. A snapshot covers every row from WAL files up to the
 * newest applied one, S: for each table and gen1 chunk it writes one file sorted by series key then
 * time ({@code {node}/dbs/{db}/{table}/{YYYY-MM-DD}/{HH-MM}/{S:010}.parquet}), then, under the
 * buffer's write lock, publishes the files and deletes those rows from the buffer, then writes the
 * manifest, then deletes WAL files up to S (less the ones configured to be kept).
 * Crash safety: until the manifest is written the WAL still holds every row, and replay after
 * restart rebuilds the buffer; files written without a manifest are never read.
 */
public final class Snapshotter {
    private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH-mm").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final Catalog catalog;
    private final WriteBuffer buffer;
    private final DuckDbRuntime duck;
    private final StorageConfig config;
    private Wal wal;
    private long snapshotSequence;
    private long lastSnapshotWalSequence;

    public Snapshotter(ObjectStore store, Catalog catalog, WriteBuffer buffer, DuckDbRuntime duck, StorageConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.buffer = buffer;
        this.duck = duck;
        this.config = config;
        this.lastSnapshotNanos = System.nanoTime() - walFilesWorthNanos();
    }

    void setWal(Wal wal) {
        this.wal = wal;
    }

    /** Loads the newest manifest into the buffer's file index; returns the WAL sequence it covers. */
    synchronized long loadLatestManifest() {
        Optional<SnapshotManifest> m = latestManifest(store, config.nodeId());
        if (m.isEmpty()) {
            return 0;
        }
        SnapshotManifest manifest = m.get();
        buffer.setFiles(manifest.files());
        snapshotSequence = manifest.snapshotSequence();
        lastSnapshotWalSequence = manifest.walSequence();
        return manifest.walSequence();
    }

    public static Optional<SnapshotManifest> latestManifest(ObjectStore store, String nodeId) {
        for (ObjectStore.ObjectMeta meta : store.list(nodeId + "/snapshots/")) {
            if (!meta.path().endsWith(".info.json")) {
                continue;
            }
            byte[] bytes = store.get(meta.path()).orElse(null);
            if (bytes == null) {
                continue;
            }
            try {
                return Optional.of(JSON.readValue(bytes, SnapshotManifest.class));
            } catch (IOException e) {
                throw new InfluxException(ErrorCode.INTERNAL, "snapshot manifest " + meta.path() + " is unreadable: " + e.getMessage(), e);
            }
        }
        return Optional.empty();
    }

    /**
     * {@link System#nanoTime()} of the last snapshot; at start-up as long ago as the WAL-file
     * condition of {@link #due()} needs, so files left over from before a restart are snapshotted
     * as soon as they are enough.
     */
    private volatile long lastSnapshotNanos;

    /**
     * True when enough WAL files wait to be snapshotted, or the buffer is too big. Core writes one
     * WAL file per flush interval, so its "1.5 × --wal-snapshot-size files" also means that many
     * intervals (15 minutes by default); here files are also written early under load (one per
     * 5,000 rows), so the files must also have taken that long to come, else a busy server would
     * snapshot every few seconds into many small Parquet files. The memory threshold still forces
     * a snapshot at any time.
     */
    boolean due() {
        return (buffer.walFilesSinceSnapshot() >= walFilesDue() && System.nanoTime() - lastSnapshotNanos >= walFilesWorthNanos())
                || buffer.estimatedBytes() >= config.forceSnapshotBytes();
    }

    /** WAL files that make a snapshot due: 1.5 × {@code --wal-snapshot-size}. */
    private long walFilesDue() {
        return Math.max(1, (long) Math.ceil(config.walSnapshotSize() * 1.5));
    }

    /** How long Core takes to write the WAL files that make a snapshot due: one per flush interval. */
    private long walFilesWorthNanos() {
        long files = walFilesDue();
        long interval = config.walFlushInterval().toNanos();
        return interval > Long.MAX_VALUE / files ? Long.MAX_VALUE : files * interval;
    }

    /** Persists everything buffered up to the newest applied WAL file. Returns the files written. */
    public synchronized List<PersistedFile> snapshot() {
        long s = buffer.appliedSequence();
        if (s == 0 || s == lastSnapshotWalSequence) {
            return List.of();
        }
        List<PersistedFile> written = new ArrayList<>();
        var cat = catalog.snapshot();
        DuckDBConnection conn = duck.connect();
        BufferScans scans = buffer.scans(conn, false);
        try (conn) {
            for (TableBuffer tb : new ArrayList<>(buffer.tables())) {
                if (tb.rowCount == 0) {
                    continue;
                }
                DatabaseSchema db = cat.databaseById(tb.dbId);
                TableSchema table = db == null ? null : db.tableById(tb.tableId);
                if (table == null) {
                    continue;
                }
                for (long chunk : tb.chunksCopy()) {
                    PersistedFile f = persistChunk(conn, scans, tb, table, chunk, s);
                    if (f != null) {
                        written.add(f);
                    }
                }
            }
            commit(written, s);
        } catch (SQLException | IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "snapshot failed: " + e.getMessage(), e);
        } finally {
            scans.close();
        }
        lastSnapshotWalSequence = s;
        lastSnapshotNanos = System.nanoTime();
        snapshotSequence++;
        writeManifest(s);
        buffer.resetWalFilesSinceSnapshot();
        long deleteUpTo = s - config.snapshottedWalFilesToKeep();
        if (deleteUpTo > 0 && wal != null) {
            wal.deleteUpTo(deleteUpTo);
        }
        LOG.info("snapshot {} persisted {} parquet file(s) up to wal file {}", snapshotSequence, written.size(), s);
        return written;
    }

    private PersistedFile persistChunk(DuckDBConnection conn, BufferScans scans, TableBuffer tb, TableSchema table,
                                       long chunk, long s) throws SQLException, IOException {
        long gen1 = config.gen1DurationNanos();
        // The last chunk before Long.MAX_VALUE ends at MAX_VALUE inclusive instead of overflowing.
        long last = chunk > Long.MAX_VALUE - gen1 ? Long.MAX_VALUE : chunk + gen1 - 1;
        BufferScans.Relation rel = scans.register(tb, s, chunk, last);
        String where = "__seq < " + TableBuffer.firstOrderOf(s + 1) + " AND epoch_ns(time) >= " + chunk
                + " AND epoch_ns(time) <= " + last;
        List<ColumnDef> cols = rel.columns();
        List<String> names = new ArrayList<>();
        names.add("time");
        for (ColumnDef c : cols) {
            names.add(c.name());
        }
        StringBuilder select = new StringBuilder();
        StringBuilder plain = new StringBuilder("time");
        StringBuilder groupBy = new StringBuilder("__sid, time");
        for (ColumnDef c : cols) {
            // Buffer columns are named by id; the Parquet file gets the user's names.
            String src = TableBuffer.columnName(c.id());
            String id = DuckDbRuntime.quoteIdent(c.name());
            plain.append(", ").append(src).append(" AS ").append(id);
            if (c.type() == ColumnType.TAG) {
                // a series' tags are the same in each of its rows
                select.append(", any_value(").append(src).append(") AS ").append(id);
            } else {
                select.append(", arg_max(").append(src).append(", __seq) FILTER (WHERE ").append(src)
                        .append(" IS NOT NULL) AS ").append(id);
            }
        }
        String from = " FROM " + rel.name() + " WHERE " + where;
        String source = tb.mayHaveDuplicates
                ? "SELECT time" + select + from + " GROUP BY " + groupBy
                : "SELECT " + plain + from;
        StringBuilder orderBy = new StringBuilder();
        for (ColumnDef c : table.seriesKeyColumns()) {
            if (names.contains(c.name())) {
                orderBy.append(DuckDbRuntime.quoteIdent(c.name())).append(", ");
            }
        }
        orderBy.append("time");
        Path tmp = duck.scratchFile(".parquet");
        String tmpName = DuckDbRuntime.quoteString(tmp.toAbsolutePath().toString());
        try (Statement st = conn.createStatement()) {
            st.execute("COPY (" + source + " ORDER BY " + orderBy + ") TO " + tmpName + " (FORMAT parquet, COMPRESSION zstd)");
        }
        long rows;
        long min;
        long max;
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*), min(epoch_ns(time)), max(epoch_ns(time)) FROM read_parquet(" + tmpName + ")")) {
            rs.next();
            rows = rs.getLong(1);
            min = rs.getLong(2);
            max = rs.getLong(3);
        }
        if (rows == 0) {
            Files.deleteIfExists(tmp);
            return null;
        }
        long size = Files.size(tmp);
        Instant chunkStart = Instant.ofEpochSecond(Math.floorDiv(chunk, 1_000_000_000L));
        String path = config.nodeId() + "/dbs/" + tb.dbId + "/" + tb.tableId + "/" + DAY.format(chunkStart) + "/"
                + MINUTE.format(chunkStart) + "/" + String.format("%010d", s) + ".parquet";
        store.putFile(path, tmp);
        return new PersistedFile(tb.dbId, tb.tableId, path, size, rows, chunk, min, max, s, names);
    }

    private void commit(List<PersistedFile> written, long s) {
        buffer.lock().writeLock().lock();
        try {
            for (TableBuffer tb : buffer.tables()) {
                tb.removeUpTo(s);
                tb.clearSeriesIfEmpty();
            }
            buffer.addFiles(written);
        } finally {
            buffer.lock().writeLock().unlock();
        }
    }

    /** Writes a complete manifest of the current file index (also after files are removed). */
    synchronized void writeManifest(long walSequence) {
        List<PersistedFile> all = buffer.allFiles();
        long bytes = 0;
        long rows = 0;
        for (PersistedFile f : all) {
            bytes += f.sizeBytes();
            rows += f.rowCount();
        }
        SnapshotManifest m = new SnapshotManifest("1", config.nodeId(), snapshotSequence, walSequence,
                catalog.snapshot().sequence(), bytes, rows, all);
        String path = config.nodeId() + "/snapshots/" + String.format("%020d", Long.MAX_VALUE - snapshotSequence) + ".info.json";
        try {
            store.put(path, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot write snapshot manifest: " + e.getMessage(), e);
        }
        // Older manifests are superseded: this one lists every live file.
        for (ObjectStore.ObjectMeta meta : store.list(config.nodeId() + "/snapshots/")) {
            if (!meta.path().equals(path)) {
                store.delete(meta.path());
            }
        }
    }

    long lastSnapshotWalSequence() {
        return lastSnapshotWalSequence;
    }
}
