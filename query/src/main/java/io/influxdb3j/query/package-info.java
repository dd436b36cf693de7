/**
 * SQL over the buffer and the Parquet files, executed by DuckDB. For each query a fresh DuckDB
 * connection gets temporary views named like the database's tables (each view reads the table's
 * buffered rows and its Parquet files together, see {@link io.influxdb3j.storage.TableSources}),
 * temporary tables for the information_schema and system tables the query mentions, and InfluxDB's
 * SQL functions; the DataFusion-style SQL is adapted ({@code SHOW TABLES}, {@code $param}s,
 * qualified names) and run. Output formats live in {@code query.format}.
 */
package io.influxdb3j.query;
