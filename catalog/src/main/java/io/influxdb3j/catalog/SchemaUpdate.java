package io.influxdb3j.catalog;

import java.util.Map;

/**
 * The result of {@link Catalog#ensureSchema}: the catalog after the change and, for each request
 * that could not be applied (type conflict with a concurrent writer, a limit), the message the
 * write should report for the lines that needed it. Keys are {@code table} for table-level
 * rejections and {@code table\u0000column} for column-level ones.
 */
public record SchemaUpdate(CatalogSnapshot snapshot, Map<String, String> rejected) {
    public static String key(String table, String column) {
        return column == null ? table : table + '\u0000' + column;
    }
}
