package io.influxdb3j.query;

import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import java.util.List;

/**
 * A table a query can read as {@code system.NAME} (or {@code information_schema.NAME}): its DuckDB
 * column definitions and, at query time, its rows. Other modules (the processing engine) register
 * their own through {@link DuckDbQueryExecutor#registerSystemTable}.
 */
public interface SystemTable {
    /** {@code system} or {@code information_schema}. */
    String schema();

    String name();

    /** Column definitions as in CREATE TABLE, e.g. {@code "table_name VARCHAR, size_bytes UBIGINT"}. */
    String columnsDdl();

    /** True when the table exists only in the {@code _internal} database. */
    default boolean internalOnly() {
        return false;
    }

    /** The rows for a query against {@code db}; each array matches the columns in order. */
    List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db);
}
