/**
 * Query result output: the formats of {@code /api/v3/query_sql} and {@code /api/v3/query_influxql}
 * ({@code json}, {@code jsonl}, {@code csv}, {@code pretty}, {@code parquet}) and how each renders
 * DuckDB values the way InfluxDB 3's Arrow writers do. A {@link java.sql.ResultSet} from DuckDB flows
 * through {@link io.influxdb3j.query.format.ResultWriter}, which reads each cell once into a
 * normalised Java value (timestamps as exact epoch nanoseconds, structs as ordered maps, lists as
 * lists) and streams it out row by row; only {@code pretty} buffers, because column widths depend on
 * every row. Parquet bypasses the JDBC rows entirely: {@link io.influxdb3j.query.format.ParquetExport}
 * lets DuckDB write the file so {@code time} stays a nanosecond timestamp.
 */
package io.influxdb3j.query.format;
