package io.influxdb3j.storage;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.Precision;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.objectstore.ObjectStore;
import io.influxdb3j.wal.ObjectStoreWal;
import io.influxdb3j.wal.Wal;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage layer assembled: validator, WAL, buffer, snapshots. {@link #open} recovers state
 * (newest snapshot manifest, then every later WAL file) before accepting writes.
 */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);
    /**
     * Group commit: a WAL flush starts early once this many rows wait, so a write of a client's
     * usual batch (the official clients send 5,000 lines) waits for the flush in progress and its
     * own, not for the rest of {@code --wal-flush-interval}; writes arriving meanwhile share the
     * next file. Smaller writes still wait for the interval, as in Core, so a trickle of them does
     * not become a file each.
     */
    static final long EARLY_FLUSH_ROWS = 5_000;
    private final ObjectStore store;
    private final Catalog catalog;
    private final StorageConfig config;
    private final DuckDbRuntime duck;
    private final WriteBuffer buffer;
    private final Snapshotter snapshotter;
    private final WriteValidator validator;
    private final TableSources sources;
    private final Wal wal;
    private final ScheduledExecutorService background;

    private Storage(ObjectStore store, Catalog catalog, StorageConfig config, TimeProvider time) {
        this.store = store;
        this.catalog = catalog;
        this.config = config;
        this.duck = new DuckDbRuntime(store.localDirectory(config.nodeId() + "/dbs"));
        this.buffer = new WriteBuffer(catalog, config.gen1DurationNanos());
        this.snapshotter = new Snapshotter(store, catalog, buffer, duck, config);
        long covered = snapshotter.loadLatestManifest();
        long replayed = ObjectStoreWal.replay(store, config.nodeId(), covered, contents -> {
            try {
                buffer.onWalFile(contents);
            } catch (RuntimeException e) {
                if (config.walReplayFailOnError()) {
                    throw e;
                }
                LOG.error("applying wal file {} during replay failed; its other rows were applied: {}",
                        contents.sequence(), e.getMessage(), e);
            }
        }, config.walReplayFailOnError());
        buffer.setAppliedSequence(Math.max(covered, replayed));
        if (replayed > covered) {
            LOG.info("replayed wal files {}..{}", covered + 1, replayed);
        }
        this.wal = new ObjectStoreWal(store, config.nodeId(), config.walFlushInterval(), config.walMaxWriteBufferSize(),
                EARLY_FLUSH_ROWS, buffer, Math.max(covered, replayed), time);
        snapshotter.setWal(wal);
        this.validator = new WriteValidator(catalog, time);
        this.sources = new TableSources(buffer, store, time);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "snapshotter");
            t.setDaemon(true);
            return t;
        });
        background.scheduleWithFixedDelay(this::snapshotIfDue, 200, 200, TimeUnit.MILLISECONDS);
    }

    public static Storage open(ObjectStore store, Catalog catalog, StorageConfig config, TimeProvider time) {
        return new Storage(store, catalog, config, time);
    }

    /**
     * Bodies parsed at once: one per core. Parsing is pure CPU work, so more at once only take turns,
     * and they would starve the one WAL apply thread that every acknowledgement waits for (with eight
     * concurrent 5,000-line writes on two cores, files waited ~100 ms in the apply queue).
     */
    private final java.util.concurrent.Semaphore validating =
            new java.util.concurrent.Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

    /**
     * Validates and logs a write. Without {@code noSync} it returns once the rows are durable and
     * queryable; with it, once they are buffered for the next WAL flush.
     */
    public ValidatedWrite write(String db, byte[] body, int offset, int length, Precision precision,
                                boolean acceptPartial, boolean noSync) {
        ValidatedWrite result;
        validating.acquireUninterruptibly();
        try {
            result = validator.validate(db, body, offset, length, precision, acceptPartial);
        } finally {
            validating.release();
        }
        if (result.op() == null) {
            return result;
        }
        if (noSync) {
            wal.writeNoSync(result.op());
        } else {
            try {
                wal.writeDurable(result.op()).join();
            } catch (CompletionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof InfluxException ie) {
                    throw ie;
                }
                throw new InfluxException(ErrorCode.INTERNAL, "write buffer error: error from wal: " + cause.getMessage(), cause);
            }
        }
        return result;
    }

    private void snapshotIfDue() {
        try {
            if (snapshotter.due()) {
                snapshotter.snapshot();
            }
        } catch (RuntimeException e) {
            LOG.error("snapshot failed; rows stay in the WAL and buffer: {}", e.getMessage(), e);
        }
    }

    /** Flushes the WAL and persists everything buffered (tests, shutdown tooling). */
    public List<PersistedFile> forceSnapshot() {
        wal.forceFlush();
        return snapshotter.snapshot();
    }

    /** Removes the Parquet files and buffered rows of a table, or of every table of a database when tableId is null. */
    public void hardDelete(int dbId, Integer tableId) {
        buffer.lock().writeLock().lock();
        try {
            for (PersistedFile f : buffer.allFiles()) {
                if (f.dbId() == dbId && (tableId == null || f.tableId() == tableId)) {
                    store.delete(f.path());
                    buffer.removeFiles(f.dbId(), f.tableId());
                }
            }
            for (TableBuffer tb : List.copyOf(buffer.tables())) {
                if (tb.dbId == dbId && (tableId == null || tb.tableId == tableId)) {
                    buffer.dropTable(tb.dbId, tb.tableId);
                }
            }
        } finally {
            buffer.lock().writeLock().unlock();
        }
        snapshotter.writeManifest(snapshotter.lastSnapshotWalSequence());
    }

    public TableSources sources() {
        return sources;
    }

    public DuckDbRuntime duck() {
        return duck;
    }

    public WriteBuffer buffer() {
        return buffer;
    }

    public Catalog catalog() {
        return catalog;
    }

    public Wal wal() {
        return wal;
    }

    public StorageConfig config() {
        return config;
    }

    @Override
    public void close() {
        background.shutdown();
        try {
            // A running snapshot finishes (its manifest included) before WAL and DuckDB close.
            if (!background.awaitTermination(5, TimeUnit.MINUTES)) {
                LOG.warn("snapshot still running at shutdown; the WAL keeps its rows");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            wal.close();
        } catch (RuntimeException e) {
            LOG.warn("closing wal: {}", e.getMessage());
        }
        buffer.close();
        duck.close();
    }
}
