package io.influxdb3j.catalog;

import java.util.Map;

/**
 * The result of {@link Catalog#ensureSchema}: the catalog after the change and, for each request
 * that could not be applied (type conflict with a concurrent writer, a limit), the message the
 * write should report for the lines that needed it. Keys are {@code table} for table-level
 * rejections and {@code table\u0000column} for column-level ones.
 *
 * <p>{@code committed} is false only for an all-or-nothing request that was refused: nothing was
 * changed, and {@code snapshot} is then the catalog as it would have been with the accepted
 * requests applied. It was never published; use it only to find the lines the rejections hit.
 */
public record SchemaUpdate(CatalogSnapshot snapshot, Map<String, String> rejected, boolean committed) {
    public SchemaUpdate(CatalogSnapshot snapshot, Map<String, String> rejected) {
        this(snapshot, rejected, true);
    }

    public static String key(String table, String column) {
        return column == null ? table : table + '\u0000' + column;
    }
}
