package io.influxdb3j.catalog;

/**
 * Core's hard limits (5 databases, 2000 tables, 500 columns) as settings with generous defaults;
 * see {@code --max-databases}, {@code --max-tables}, {@code --max-columns-per-table}.
 */
public record CatalogLimits(int maxDatabases, int maxTables, int maxColumnsPerTable) {
    public static final CatalogLimits DEFAULT = new CatalogLimits(100, 10_000, 1_000);
}
