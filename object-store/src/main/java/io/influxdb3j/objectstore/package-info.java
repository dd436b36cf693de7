/**
 * Where everything durable lives. Owns the {@link io.influxdb3j.objectstore.ObjectStore} contract
 * (relative '/'-separated keys; whole-object, durable-on-return writes; sorted prefix listing) and
 * its implementations: {@link io.influxdb3j.objectstore.FileObjectStore}, which writes each object
 * as a temporary file that is fsynced, atomically renamed into place and followed by a directory
 * fsync, and {@link io.influxdb3j.objectstore.InMemoryObjectStore}, which keeps copies in a sorted
 * map. The WAL writes one object per flush and lists them on replay; the catalog uses
 * {@code putIfAbsent} for its sequenced log; snapshots move finished Parquet files in with
 * {@code putFile}; the query engine reads them back through {@code localPath}. Keys are validated
 * here, so no caller can name a file outside the store's root.
 */
package io.influxdb3j.objectstore;
