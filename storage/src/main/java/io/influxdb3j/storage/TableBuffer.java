package io.influxdb3j.storage;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.wal.ColumnData;
import io.influxdb3j.wal.TableBatch;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The buffered rows of one table, in two DuckDB tables and a view that joins them:
 * <ul>
 * <li>{@code main."d_{db}_{table}"}, one row per buffered row: {@code time TIMESTAMP_NS, __seq BIGINT,
 * __sid INTEGER} and then the table's field columns;
 * <li>{@code main."s_{db}_{table}"}, one row per series (distinct tag set): {@code __sid INTEGER} and
 * the tag columns;
 * <li>the view {@code main."b_{db}_{table}"}: {@code time}, {@code __seq} and every column, tags
 * from the series table.
 * </ul>
 * Columns are named {@code c_{id}} (DuckDB names are case-insensitive, user names are not, and a
 * user column may be called {@code __seq}). Keeping each tag set once spares DuckDB a string
 * append per tag per row, its main cost when rows are applied. {@code __seq} orders rows by
 * arrival: the WAL file's sequence in the high 32 bits, the row's position within that file in
 * the low 32. Appends happen only on the WAL flush thread.
 */
final class TableBuffer {
    final int dbId;
    final int tableId;
    /** The view the query engine and snapshots read: every column, by id. */
    final String duckTable;
    /** The table of buffered rows (time, order, series id, fields). */
    final String dataTable;
    /** The table of series (series id, tags). */
    final String seriesTable;
    private final DuckDBConnection conn;
    private final long gen1Nanos;
    /** Columns present in the DuckDB tables, in id order (time excluded). */
    private final List<ColumnDef> columns = new ArrayList<>();
    /** Ids of the tag columns, in id order: a tag's position in this array is its position in a tag set. */
    private int[] tagIds = new int[0];
    private DuckDBAppender appender;
    private DuckDBAppender seriesAppender;
    private final SeriesIndex series = new SeriesIndex();
    private static final byte K_STRING = 1;
    private static final byte K_DOUBLE = 2;
    private static final byte K_LONG = 3;
    private static final byte K_BOOLEAN = 4;
    /** A tag column: its values are in the series table. */
    private static final byte K_TAG = 5;
    /** A DOUBLE, BIGINT or BOOLEAN column with a value in every row of the batch: no validity check per row. */
    private static final byte K_DOUBLE_DENSE = 6;
    private static final byte K_LONG_DENSE = 7;
    private static final byte K_BOOLEAN_DENSE = 8;
    volatile long rowCount;
    volatile long minTime = Long.MAX_VALUE;
    volatile long maxTime = Long.MIN_VALUE;
    final TreeSet<Long> chunks = new TreeSet<>();
    /** Set when a row may repeat the tags and time of another row (in the buffer or persisted). */
    volatile boolean mayHaveDuplicates;
    long estimatedBytes;
    private long currentWalSequence = -1;
    private long rowInWalFile;

    TableBuffer(DuckDBConnection conn, int dbId, int tableId, long gen1Nanos) {
        this.conn = conn;
        this.dbId = dbId;
        this.tableId = tableId;
        this.gen1Nanos = gen1Nanos;
        this.duckTable = "b_" + dbId + "_" + tableId;
        this.dataTable = "d_" + dbId + "_" + tableId;
        this.seriesTable = "s_" + dbId + "_" + tableId;
        DuckDbRuntime.execute(conn, "CREATE TABLE IF NOT EXISTS main." + dataTable
                + " (time TIMESTAMP_NS NOT NULL, __seq BIGINT NOT NULL, __sid INTEGER NOT NULL)");
        DuckDbRuntime.execute(conn, "CREATE TABLE IF NOT EXISTS main." + seriesTable + " (__sid INTEGER NOT NULL)");
        createView(List.of());
    }

    synchronized List<ColumnDef> columns() {
        return List.copyOf(columns);
    }

    private void createView(List<ColumnDef> viewColumns) {
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE VIEW main.").append(duckTable)
                .append(" AS SELECT d.time, d.__seq");
        for (ColumnDef c : viewColumns) {
            sql.append(c.type() == ColumnType.TAG ? ", s." : ", d.").append(columnName(c.id()));
        }
        sql.append(" FROM main.").append(dataTable).append(" d JOIN main.").append(seriesTable)
                .append(" s ON d.__sid = s.__sid");
        DuckDbRuntime.execute(conn, sql.toString());
    }

    /**
     * Adds the catalog's newer columns to the DuckDB tables. They join {@link #columns()} only once
     * the view has them, so a concurrent query or snapshot never names a column the view lacks.
     */
    private void catchUp(TableSchema schema) throws SQLException {
        if (schema.columns().size() - 1 == columns.size()) {
            return;
        }
        closeAppender();
        List<ColumnDef> all = new ArrayList<>(columns);
        int[] tags = tagIds;
        for (int id = columns.size() + 1; id < schema.columns().size(); id++) {
            ColumnDef c = schema.columns().get(id);
            boolean tag = c.type() == ColumnType.TAG;
            DuckDbRuntime.execute(conn, "ALTER TABLE main." + (tag ? seriesTable : dataTable) + " ADD COLUMN "
                    + columnName(c.id()) + " " + c.type().duckDbType());
            all.add(c);
            if (tag) {
                tags = java.util.Arrays.copyOf(tags, tags.length + 1);
                tags[tags.length - 1] = c.id();
            }
        }
        createView(all);
        tagIds = tags;
        synchronized (this) {
            columns.clear();
            columns.addAll(all);
        }
    }

    /** The DuckDB name of a column in the buffer tables and view. */
    static String columnName(int columnId) {
        return "c_" + columnId;
    }

    /** The {@code __seq} value of the first row of WAL file {@code sequence}. */
    static long firstOrderOf(long walSequence) {
        return walSequence << 32;
    }

    /** The start of the gen1 chunk holding {@code t}, saturating at {@link Long#MIN_VALUE}. */
    static long chunkStart(long t, long gen1Nanos) {
        long m = Math.floorMod(t, gen1Nanos);
        return t < Long.MIN_VALUE + m ? Long.MIN_VALUE : t - m;
    }

    void append(TableBatch batch, long sequence, TableSchema schema) {
        if (sequence != currentWalSequence) {
            currentWalSequence = sequence;
            rowInWalFile = 0;
        }
        try {
            catchUp(schema);
            int n = batch.rowCount();
            int width = columns.size();
            // Per column id: a kind code and the typed arrays, so the row loop does no interface
            // dispatch (this loop runs once per value on the WAL apply thread).
            byte[] kind = new byte[width + 1];
            String[][] strings = new String[width + 1][];
            double[][] doubles = new double[width + 1][];
            long[][] longs = new long[width + 1][];
            boolean[][] booleans = new boolean[width + 1][];
            java.util.BitSet[] valid = new java.util.BitSet[width + 1];
            for (ColumnData c : batch.columns()) {
                int id = c.columnId();
                if (id > width) {
                    continue;
                }
                switch (c) {
                    case ColumnData.Strings s -> {
                        kind[id] = K_STRING;
                        strings[id] = s.values();
                    }
                    case ColumnData.Doubles d -> {
                        kind[id] = dense(d.valid(), n) ? K_DOUBLE_DENSE : K_DOUBLE;
                        doubles[id] = d.values();
                        valid[id] = d.valid();
                    }
                    // For UBIGINT columns DuckDB reads the long's bits as unsigned.
                    case ColumnData.Longs l -> {
                        kind[id] = dense(l.valid(), n) ? K_LONG_DENSE : K_LONG;
                        longs[id] = l.values();
                        valid[id] = l.valid();
                    }
                    case ColumnData.Booleans b -> {
                        kind[id] = dense(b.valid(), n) ? K_BOOLEAN_DENSE : K_BOOLEAN;
                        booleans[id] = b.values();
                        valid[id] = b.valid();
                    }
                }
            }
            String[][] tagValues = new String[tagIds.length][];
            for (int k = 0; k < tagIds.length; k++) {
                tagValues[k] = strings[tagIds[k]];
                kind[tagIds[k]] = K_TAG;
            }
            int[] sids = seriesIds(tagValues, n);
            if (appender == null) {
                appender = conn.createAppender("main", dataTable);
            }
            long[] times = batch.time();
            long lastChunk = 0;
            boolean anyChunk = false; // every long is a possible chunk start, Long.MIN_VALUE included
            long bytes = 0;
            for (int r = 0; r < n; r++) {
                long t = times[r];
                appender.beginRow();
                appender.appendEpochNanos(t);
                appender.append(firstOrderOf(sequence) + rowInWalFile++);
                appender.append(sids[r]);
                for (int id = 1; id <= width; id++) {
                    switch (kind[id]) {
                        case K_STRING -> {
                            String v = strings[id][r];
                            if (v == null) {
                                appender.appendNull();
                            } else {
                                appender.append(v);
                                bytes += v.length() + 8;
                            }
                        }
                        case K_DOUBLE -> {
                            if (valid[id].get(r)) {
                                appender.append(doubles[id][r]);
                            } else {
                                appender.appendNull();
                            }
                        }
                        case K_LONG -> {
                            if (valid[id].get(r)) {
                                appender.append(longs[id][r]);
                            } else {
                                appender.appendNull();
                            }
                        }
                        case K_BOOLEAN -> {
                            if (valid[id].get(r)) {
                                appender.append(booleans[id][r]);
                            } else {
                                appender.appendNull();
                            }
                        }
                        case K_DOUBLE_DENSE -> appender.append(doubles[id][r]);
                        case K_LONG_DENSE -> appender.append(longs[id][r]);
                        case K_BOOLEAN_DENSE -> appender.append(booleans[id][r]);
                        case K_TAG -> {
                        }
                        default -> appender.appendNull();
                    }
                }
                appender.endRow();
                bytes += 20 + 8L * (width - tagIds.length);
                long prev = series.putMax(sids[r], t);
                // Same series, not newer: may repeat a buffered row's tags and time. (Overlap with
                // persisted files is detected from time ranges in TableSources.)
                if (prev != Long.MIN_VALUE && prev >= t) {
                    mayHaveDuplicates = true;
                }
                long chunk = chunkStart(t, gen1Nanos);
                if (chunk != lastChunk || !anyChunk) {
                    synchronized (this) {
                        chunks.add(chunk);
                    }
                    lastChunk = chunk;
                    anyChunk = true;
                }
                if (t < minTime) {
                    minTime = t;
                }
                if (t > maxTime) {
                    maxTime = t;
                }
            }
            estimatedBytes += bytes;
            rowCount += n;
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot buffer rows of table " + batch.tableName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean dense(java.util.BitSet valid, int n) {
        return valid.nextClearBit(0) >= n;
    }

    /**
     * The series id of each row, adding new tag sets to the series table (flushed at once, so a
     * row is never visible without its series).
     */
    private int[] seriesIds(String[][] tagValues, int n) throws SQLException {
        int[] sids = new int[n];
        boolean added = false;
        for (int r = 0; r < n; r++) {
            int id = series.idOf(tagValues, r, SeriesIndex.hash(tagValues, r));
            if (id < 0) {
                id = -1 - id;
                if (seriesAppender == null) {
                    seriesAppender = conn.createAppender("main", seriesTable);
                }
                seriesAppender.beginRow();
                seriesAppender.append(id);
                String[] tags = series.tags(id);
                for (String v : tags) {
                    if (v == null) {
                        seriesAppender.appendNull();
                    } else {
                        seriesAppender.append(v);
                        estimatedBytes += v.length() + 8;
                    }
                }
                seriesAppender.endRow();
                added = true;
            }
            sids[r] = id;
        }
        if (added) {
            seriesAppender.flush();
        }
        return sids;
    }

    void flush() {
        if (appender != null) {
            try {
                appender.flush();
            } catch (SQLException e) {
                throw new InfluxException(ErrorCode.INTERNAL, "cannot flush buffered rows: " + e.getMessage(), e);
            }
        }
    }

    void closeAppender() {
        try {
            if (appender != null) {
                appender.close();
            }
            if (seriesAppender != null) {
                seriesAppender.close();
            }
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot close appender: " + e.getMessage(), e);
        } finally {
            appender = null;
            seriesAppender = null;
        }
    }

    synchronized TreeSet<Long> chunksCopy() {
        return new TreeSet<>(chunks);
    }

    synchronized void resetAfterPersist(long remainingRows, long newMin, long newMax, java.util.Collection<Long> remainingChunks) {
        rowCount = remainingRows;
        minTime = newMin;
        maxTime = newMax;
        chunks.clear();
        chunks.addAll(remainingChunks);
        estimatedBytes = rowCount == 0 ? 0 : estimatedBytes / 2;
    }

    /**
     * Forgets every series once no buffered row refers to one (after a snapshot took them all), so
     * the series table does not grow with tag sets that are long persisted. Under the write lock.
     */
    void clearSeriesIfEmpty() {
        if (rowCount != 0 || series.size() == 0) {
            return;
        }
        // The series appender holds nothing: it is flushed whenever it is given a row.
        DuckDbRuntime.execute(conn, "DELETE FROM main." + seriesTable);
        series.clear();
    }

    /** Drops the tables and view (after a hard delete). */
    void drop() {
        closeAppender();
        DuckDbRuntime.execute(conn, "DROP VIEW IF EXISTS main." + duckTable);
        DuckDbRuntime.execute(conn, "DROP TABLE IF EXISTS main." + dataTable);
        DuckDbRuntime.execute(conn, "DROP TABLE IF EXISTS main." + seriesTable);
    }
}
