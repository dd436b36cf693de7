package io.influxdb3j.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable table definition. {@code columns} are in id order; {@code seriesKey} lists tag
 * column ids in order of first appearance (the Parquet sort key is series key then time).
 */
public record TableSchema(int id, String name, List<ColumnDef> columns, List<Integer> seriesKey,
                          boolean deleted, Long hardDeleteAtMillis) {
    public TableSchema {
        columns = List.copyOf(columns);
        seriesKey = List.copyOf(seriesKey);
    }

    public static TableSchema create(int id, String name) {
        return new TableSchema(id, name, List.of(new ColumnDef(0, "time", io.influxdb3j.common.ColumnType.TIME)),
                List.of(), false, null);
    }

    public ColumnDef column(String columnName) {
        for (ColumnDef c : columns) {
            if (c.name().equals(columnName)) {
                return c;
            }
        }
        return null;
    }

    public Map<String, ColumnDef> columnsByName() {
        Map<String, ColumnDef> m = new HashMap<>();
        for (ColumnDef c : columns) {
            m.put(c.name(), c);
        }
        return m;
    }

    /** Columns sorted by name (byte order), the order of {@code SELECT *} and information_schema. */
    public List<ColumnDef> columnsSortedByName() {
        List<ColumnDef> sorted = new ArrayList<>(columns);
        sorted.sort(Comparator.comparing(ColumnDef::name, TableSchema::compareUtf8));
        return Collections.unmodifiableList(sorted);
    }

    /**
     * Compares as the UTF-8 bytes would (InfluxDB sorts Rust strings, i.e. bytes). That is code
     * point order, which differs from {@link String#compareTo} (UTF-16 units) when a name holds a
     * character beyond U+FFFF and another one in U+E000..U+FFFF.
     */
    static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Tag columns in series-key order. */
    public List<ColumnDef> seriesKeyColumns() {
        List<ColumnDef> out = new ArrayList<>();
        for (int id : seriesKey) {
            out.add(columns.get(id));
        }
        return out;
    }

    /** Number of columns counted against the per-table limit (time excluded). */
    public int userColumnCount() {
        return columns.size() - 1;
    }

    TableSchema withColumns(List<ColumnDef> newColumns, List<Integer> newSeriesKey) {
        return new TableSchema(id, name, newColumns, newSeriesKey, deleted, hardDeleteAtMillis);
    }
}
