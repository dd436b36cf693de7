/**
 * The write-ahead log: the first durable home of every accepted write. Owns the op model
 * ({@link io.influxdb3j.wal.WalOp}, {@link io.influxdb3j.wal.TableBatch},
 * {@link io.influxdb3j.wal.ColumnData}), the WAL file format ({@link io.influxdb3j.wal.WalFileCodec}:
 * magic, format version, CRC32C, columnar payload), the flush loop and replay
 * ({@link io.influxdb3j.wal.ObjectStoreWal}). Data flows one way: request threads hand validated
 * ops to {@code writeDurable} or {@code writeNoSync}; every flush interval the single flush thread
 * encodes everything buffered as one file {@code {node}/wal/{seq:011d}.wal}, puts it on the
 * object store (durable on return), tells the {@link io.influxdb3j.wal.WalFileNotifier} (the write
 * buffer, which makes the rows queryable, and the processing engine), and only then releases the
 * waiting writers. At start-up {@code replay} feeds the files after the last snapshot through the
 * same notifier, and once a snapshot has persisted their rows, {@code deleteUpTo} removes them.
 */
package io.influxdb3j.wal;
