package io.influxdb3j.storage;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.TimeFormat;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.objectstore.ObjectStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives the query engine, per table, one SQL {@code SELECT} over the table's buffered rows and its
 * Parquet files together, with the columns in InfluxDB's order (sorted by name). Rows that repeat
 * tags and time are merged (last non-null value of each field wins, later writes first) when the
 * table may hold such duplicates; a database's retention period hides older rows.
 * Call under the read lock of {@link WriteBuffer#lock()}.
 */
public final class TableSources {
    private final WriteBuffer buffer;
    private final ObjectStore store;
    private final TimeProvider time;

    public TableSources(WriteBuffer buffer, ObjectStore store, TimeProvider time) {
        this.buffer = buffer;
        this.store = store;
        this.time = time;
    }

    public WriteBuffer buffer() {
        return buffer;
    }

    public String selectSql(BufferScans scans, DatabaseSchema db, TableSchema table) {
        return selectSql(scans, db, table, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /**
     * As {@link #selectSql(BufferScans, DatabaseSchema, TableSchema)}, for a query known to need
     * only rows with {@code minTime <= time <= maxTime}: Parquet files and buffer batches entirely
     * outside that range are not read. The buffer is registered with {@code scans}, for one
     * statement on its connection.
     */
    public String selectSql(BufferScans scans, DatabaseSchema db, TableSchema table, long minTime, long maxTime) {
        TableBuffer tb = buffer.table(db.id(), table.id());
        List<PersistedFile> files = buffer.files(db.id(), table.id());
        if (minTime != Long.MIN_VALUE || maxTime != Long.MAX_VALUE) {
            files = files.stream().filter(f -> f.maxTime() >= minTime && f.minTime() <= maxTime).toList();
        }
        // Overlapping sources: the whole union is merged. Only the buffer repeating keys: it is
        // merged on its own, by series id and time.
        boolean dedup = filesOverlap(files, tb);
        List<ColumnDef> cols = table.columnsSortedByName();
        List<String> parts = new ArrayList<>();
        if (tb != null) {
            BufferScans.Relation rel = scans.register(tb, Long.MAX_VALUE, minTime, maxTime);
            if (tb.mayHaveDuplicates && !dedup) {
                parts.add(mergedBuffer(rel, cols));
            } else {
                Map<String, String> present = new java.util.HashMap<>();
                present.put("time", "time");
                for (ColumnDef c : rel.columns()) {
                    present.put(c.name(), TableBuffer.columnName(c.id()));
                }
                parts.add("SELECT " + projection(cols, present) + (dedup ? ", __seq AS " + ORD : "") + " FROM " + rel.name());
            }
        }
        if (dedup) {
            for (PersistedFile f : files) {
                parts.add("SELECT " + projection(cols, sameNames(f.columns())) + ", " + TableBuffer.firstOrderOf(f.walSequence())
                        + "::BIGINT AS " + ORD + " FROM read_parquet(" + DuckDbRuntime.quoteString(localPath(f)) + ")");
            }
        } else {
            Map<List<String>, List<PersistedFile>> groups = new LinkedHashMap<>();
            for (PersistedFile f : files) {
                groups.computeIfAbsent(f.columns(), k -> new ArrayList<>()).add(f);
            }
            for (Map.Entry<List<String>, List<PersistedFile>> g : groups.entrySet()) {
                StringBuilder list = new StringBuilder("[");
                for (PersistedFile f : g.getValue()) {
                    if (list.length() > 1) {
                        list.append(", ");
                    }
                    list.append(DuckDbRuntime.quoteString(localPath(f)));
                }
                list.append(']');
                parts.add("SELECT " + projection(cols, sameNames(g.getKey())) + " FROM read_parquet(" + list + ")");
            }
        }
        if (parts.isEmpty()) {
            parts.add("SELECT " + projection(cols, Map.of()) + " WHERE false");
        }
        String union = String.join(" UNION ALL ", parts);
        String sql;
        if (dedup) {
            StringBuilder sel = new StringBuilder();
            List<String> groupBy = new ArrayList<>();
            for (ColumnDef c : cols) {
                if (sel.length() > 0) {
                    sel.append(", ");
                }
                String id = DuckDbRuntime.quoteIdent(c.name());
                if (c.type().isField()) {
                    sel.append("arg_max(").append(id).append(", ").append(ORD).append(") FILTER (WHERE ").append(id)
                            .append(" IS NOT NULL) AS ").append(id);
                } else {
                    sel.append(id);
                    groupBy.add(id);
                }
            }
            sql = "SELECT " + sel + " FROM (" + union + ") GROUP BY " + String.join(", ", groupBy);
        } else {
            sql = union;
        }
        if (db.retentionNanos() != null && db.retentionNanos() > 0) {
            long cutoff = time.nowNanos() - db.retentionNanos();
            sql = "SELECT * FROM (" + sql + ") WHERE time >= '" + TimeFormat.formatNanos(cutoff) + "'::TIMESTAMP_NS";
        }
        return sql;
    }

    /**
     * The buffer's rows with repeated series and time merged (per field, the value of the latest
     * write that set it), grouped by the integer series id rather than by every tag string (a
     * series' tags are the same in each of its rows).
     */
    private static String mergedBuffer(BufferScans.Relation rel, List<ColumnDef> cols) {
        Map<String, String> present = new java.util.HashMap<>();
        present.put("time", "time");
        StringBuilder merged = new StringBuilder("SELECT time");
        for (ColumnDef c : rel.columns()) {
            String col = TableBuffer.columnName(c.id());
            present.put(c.name(), col);
            if (c.type() == ColumnType.TAG) {
                merged.append(", any_value(").append(col).append(") AS ").append(col);
            } else {
                merged.append(", arg_max(").append(col).append(", __seq) FILTER (WHERE ").append(col)
                        .append(" IS NOT NULL) AS ").append(col);
            }
        }
        merged.append(" FROM ").append(rel.name()).append(" GROUP BY __sid, time");
        return "SELECT " + projection(cols, present) + " FROM (" + merged + ")";
    }

    private String localPath(PersistedFile f) {
        return store.localPath(f.path()).toAbsolutePath().normalize().toString();
    }

    /** Name of the arrival-order column used to merge duplicates (never a user column name: those are aliased). */
    private static final String ORD = "\"__influxdb3j_ord\"";

    /**
     * Parquet columns by position ({@code #1}, {@code #2}, ... in the file's column order, which the
     * manifest records): DuckDB binds names case-insensitively, user column names are not.
     */
    private static Map<String, String> sameNames(List<String> names) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), "#" + (i + 1));
        }
        return m;
    }

    /** The table's columns by user name, each read from the source column {@code present} maps it to, or a typed NULL. */
    private static String projection(List<ColumnDef> cols, Map<String, String> present) {
        StringBuilder sb = new StringBuilder();
        for (ColumnDef c : cols) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            String id = DuckDbRuntime.quoteIdent(c.name());
            String source = present.get(c.name());
            if (source != null) {
                sb.append(source).append(" AS ").append(id);
            } else {
                sb.append("NULL::").append(c.type() == ColumnType.TIME ? "TIMESTAMP_NS" : c.type().duckDbType())
                        .append(" AS ").append(id);
            }
        }
        return sb.toString();
    }

    /** True when two persisted files (or a file and the buffer) cover overlapping time ranges. */
    private static boolean filesOverlap(List<PersistedFile> files, TableBuffer tb) {
        if (files.isEmpty()) {
            return false;
        }
        List<long[]> ranges = new ArrayList<>();
        for (PersistedFile f : files) {
            ranges.add(new long[]{f.minTime(), f.maxTime()});
        }
        if (tb != null && tb.rowCount > 0) {
            ranges.add(new long[]{tb.minTime, tb.maxTime});
        }
        ranges.sort(java.util.Comparator.comparingLong(r -> r[0]));
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0] <= ranges.get(i - 1)[1]) {
                return true;
            }
        }
        return false;
    }
}
