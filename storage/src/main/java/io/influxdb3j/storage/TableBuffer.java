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
 * The buffered rows of one table: a DuckDB table {@code main."b_{db}_{table}"} with columns
 * {@code time TIMESTAMP_NS, __seq BIGINT} and then the table's columns in id order, named
 * {@code c_{id}} (DuckDB names are case-insensitive, user names are not, and a user column may be
 * called {@code __seq}). {@code __seq} orders rows by arrival: the WAL file's sequence in the high
 * 32 bits, the row's position within that file in the low 32. Appends happen only on the WAL
 * flush thread.
 */
final class TableBuffer {
    final int dbId;
    final int tableId;
    final String duckTable;
    private final DuckDBConnection conn;
    private final long gen1Nanos;
    /** Columns present in the DuckDB table, in id order (time excluded). */
    private final List<ColumnDef> columns = new ArrayList<>();
    private DuckDBAppender appender;
    private final SeriesTimes seriesMaxTime = new SeriesTimes();
    private static final byte K_STRING = 1;
    private static final byte K_DOUBLE = 2;
    private static final byte K_LONG = 3;
    private static final byte K_BOOLEAN = 4;
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
        DuckDbRuntime.execute(conn, "CREATE TABLE IF NOT EXISTS main." + duckTable + " (time TIMESTAMP_NS NOT NULL, __seq BIGINT NOT NULL)");
    }

    synchronized List<ColumnDef> columns() {
        return List.copyOf(columns);
    }

    /** Adds the catalog's newer columns to the DuckDB table. */
    private void catchUp(TableSchema schema) throws SQLException {
        if (schema.columns().size() - 1 == columns.size()) {
            return;
        }
        closeAppender();
        for (int id = columns.size() + 1; id < schema.columns().size(); id++) {
            ColumnDef c = schema.columns().get(id);
            DuckDbRuntime.execute(conn, "ALTER TABLE main." + duckTable + " ADD COLUMN "
                    + columnName(c.id()) + " " + c.type().duckDbType());
            synchronized (this) {
                columns.add(c);
            }
        }
    }

    /** The DuckDB name of a column in the buffer table. */
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
            if (appender == null) {
                appender = conn.createAppender("main", duckTable);
            }
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
            boolean[] isTag = new boolean[width + 1];
            for (int id = 1; id <= width; id++) {
                isTag[id] = columns.get(id - 1).type() == ColumnType.TAG;
            }
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
                        kind[id] = K_DOUBLE;
                        doubles[id] = d.values();
                        valid[id] = d.valid();
                    }
                    // For UBIGINT columns DuckDB reads the long's bits as unsigned.
                    case ColumnData.Longs l -> {
                        kind[id] = K_LONG;
                        longs[id] = l.values();
                        valid[id] = l.valid();
                    }
                    case ColumnData.Booleans b -> {
                        kind[id] = K_BOOLEAN;
                        booleans[id] = b.values();
                        valid[id] = b.valid();
                    }
                }
            }
            long[] times = batch.time();
            long lastChunk = Long.MIN_VALUE;
            long bytes = 0;
            for (int r = 0; r < n; r++) {
                long t = times[r];
                appender.beginRow();
                appender.appendEpochNanos(t);
                appender.append(firstOrderOf(sequence) + rowInWalFile++);
                long seriesHash = 1;
                for (int id = 1; id <= width; id++) {
                    switch (kind[id]) {
                        case K_STRING -> {
                            String v = strings[id][r];
                            if (v == null) {
                                appender.appendNull();
                                if (isTag[id]) {
                                    seriesHash = seriesHash * 31 + id;
                                }
                            } else {
                                appender.append(v);
                                if (isTag[id]) {
                                    seriesHash = seriesHash * 1_000_003L + (long) id * 131 + v.hashCode();
                                }
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
                        default -> {
                            appender.appendNull();
                            if (isTag[id]) {
                                seriesHash = seriesHash * 31 + id;
                            }
                        }
                    }
                }
                appender.endRow();
                bytes += 16 + 8L * width;
                long prev = seriesMaxTime.putMax(seriesHash, t);
                // Same series, not newer: may repeat a buffered row's tags and time. (Overlap with
                // persisted files is detected from time ranges in TableSources.)
                if (prev != Long.MIN_VALUE && prev >= t) {
                    mayHaveDuplicates = true;
                }
                long chunk = chunkStart(t, gen1Nanos);
                if (chunk != lastChunk) {
                    synchronized (this) {
                        chunks.add(chunk);
                    }
                    lastChunk = chunk;
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
        if (appender != null) {
            try {
                appender.close();
            } catch (SQLException e) {
                throw new InfluxException(ErrorCode.INTERNAL, "cannot close appender: " + e.getMessage(), e);
            }
            appender = null;
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
}
