package io.influxdb3j.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An immutable database definition with its tables (by name, including soft-deleted ones under their new names). */
public record DatabaseSchema(int id, String name, Long retentionNanos, boolean deleted, Long hardDeleteAtMillis,
                             Map<String, TableSchema> tables, int nextTableId) {
    public DatabaseSchema {
        tables = java.util.Collections.unmodifiableMap(new TreeMap<>(tables));
    }

    public TableSchema table(String tableName) {
        TableSchema t = tables.get(tableName);
        return t == null || t.deleted() ? null : t;
    }

    public TableSchema tableById(int tableId) {
        for (TableSchema t : tables.values()) {
            if (t.id() == tableId) {
                return t;
            }
        }
        return null;
    }

    /** Live (not soft-deleted) tables, by name. */
    public List<TableSchema> liveTables() {
        return tables.values().stream().filter(t -> !t.deleted()).toList();
    }

    public boolean isInternal() {
        return Catalog.INTERNAL_DB.equals(name);
    }
}
