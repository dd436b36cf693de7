/**
 * The write path below HTTP and the data a query reads. {@link io.influxdb3j.storage.WriteValidator}
 * turns a line-protocol body into a columnar {@link io.influxdb3j.wal.WalOp.Write}, growing the
 * catalog as needed; the WAL makes it durable; {@link io.influxdb3j.storage.WriteBuffer} (a
 * {@link io.influxdb3j.wal.WalFileNotifier}) appends the rows to one in-memory DuckDB table per
 * user table; {@link io.influxdb3j.storage.Snapshotter} moves buffered rows into sorted Parquet
 * files on the object store and then lets the WAL files go. {@link io.influxdb3j.storage.TableSources}
 * gives the query engine, per table, the SQL that reads buffer and Parquet files together.
 */
package io.influxdb3j.storage;
