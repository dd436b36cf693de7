package io.influxdb3j.wal;

import java.util.concurrent.CompletableFuture;

/**
 * The write-ahead log. Operations are buffered and, every flush interval, written together as one
 * WAL file on the object store; then each {@link WalFileNotifier} is told, then waiting writers are
 * released.
 *
 * <p>Contract: the future of {@link #writeDurable} completes only after the file holding the op is
 * durable and applied; it completes exceptionally if the flush failed (the write must then be
 * reported as failed). {@link #writeNoSync} returns at once; its op becomes durable at the next
 * flush. Thread-safe: called from many request threads.
 */
public interface Wal extends AutoCloseable {
    CompletableFuture<Void> writeDurable(WalOp op);

    void writeNoSync(WalOp op);

    /** Writes buffered ops now (if any) and waits until they are durable and applied. */
    void forceFlush();

    /** The sequence number of the newest durable WAL file, 0 if none. */
    long lastSequence();

    /** Removes WAL files with sequence number at most {@code sequence} (their rows are persisted elsewhere). */
    void deleteUpTo(long sequence);

    /** Stops the flush thread after a final flush. */
    @Override
    void close();
}
