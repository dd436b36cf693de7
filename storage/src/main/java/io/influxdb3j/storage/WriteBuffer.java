package io.influxdb3j.storage;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.wal.TableBatch;
import io.influxdb3j.wal.WalContents;
import io.influxdb3j.wal.WalFileNotifier;
import io.influxdb3j.wal.WalOp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.memory.unsafe.UnsafeAllocationManager;
import org.duckdb.DuckDBConnection;

/**
 * The queryable in-memory buffer. As a {@link WalFileNotifier} it copies each durable WAL file's
 * rows into Arrow batches (on the WAL apply thread, see {@link TableBuffer}) and makes them visible
 * before the writers are released. It also holds the index of persisted Parquet files.
 *
 * <p>Consistency: applying a WAL file and planning a query take the read side of {@link #lock()};
 * a snapshot swaps "rows in the buffer" for "rows in new Parquet files" under the write side, so a
 * query never sees a row twice or not at all.
 */
public final class WriteBuffer implements WalFileNotifier, AutoCloseable {
    private final Catalog catalog;
    /** Off-heap memory of the buffered rows. */
    private final BufferAllocator allocator = new RootAllocator(
            RootAllocator.configBuilder().allocationManagerFactory(UnsafeAllocationManager.FACTORY).build());
    private final long gen1Nanos;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
    private final Map<Long, TableBuffer> tables = new ConcurrentHashMap<>();
    private final Map<Long, List<PersistedFile>> files = new ConcurrentHashMap<>();
    private final List<WalFileNotifier> downstream = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long appliedSequence;
    private volatile long walFilesSinceSnapshot;

    public WriteBuffer(Catalog catalog, long gen1Nanos) {
        this.catalog = catalog;
        this.gen1Nanos = gen1Nanos;
    }

    static long key(int dbId, int tableId) {
        return ((long) dbId << 32) | (tableId & 0xffffffffL);
    }

    public ReentrantReadWriteLock lock() {
        return lock;
    }

    /**
     * Buffer relations for statements on {@code conn} (see {@link BufferScans}); close it after the
     * connection. {@code materialize} when a statement may read one table's buffer twice; null to
     * decide later ({@link BufferScans#materializeUnlessSet}).
     */
    public BufferScans scans(DuckDBConnection conn, Boolean materialize) {
        return new BufferScans(conn, allocator, materialize);
    }

    /** Another subscriber to WAL files (the processing engine), told after the rows are buffered. */
    public void addDownstream(WalFileNotifier notifier) {
        downstream.add(notifier);
    }

    @Override
    public void onWalFile(WalContents contents) {
        onWalFiles(List.of(contents));
    }

    /**
     * Buffers the rows of consecutive WAL files, then commits each touched table once, so a query
     * sees all of them or none of them; the processing engine is then told of each file in order.
     */
    @Override
    public void onWalFiles(List<WalContents> walFiles) {
        if (walFiles.isEmpty()) {
            return;
        }
        lock.readLock().lock();
        try {
            java.util.Set<TableBuffer> touched = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            RuntimeException failure = null;
            var snapshot = catalog.snapshot();
            for (WalContents contents : walFiles) {
                RuntimeException f = append(contents, snapshot, touched);
                failure = failure == null ? f : failure;
            }
            for (TableBuffer tb : touched) {
                tb.flush();
            }
            appliedSequence = walFiles.get(walFiles.size() - 1).sequence();
            walFilesSinceSnapshot += walFiles.size();
            if (failure != null) {
                throw failure;
            }
        } finally {
            lock.readLock().unlock();
        }
        for (WalContents contents : walFiles) {
            for (WalFileNotifier n : downstream) {
                n.onWalFile(contents);
            }
        }
    }

    /** Appends one file's rows (not yet committed); returns the first table's failure, after trying the rest. */
    private RuntimeException append(WalContents contents, io.influxdb3j.catalog.CatalogSnapshot snapshot,
                                    java.util.Set<TableBuffer> touched) {
        RuntimeException failure = null;
        for (WalOp op : contents.ops()) {
            switch (op) {
                case WalOp.Write w -> {
                    DatabaseSchema db = snapshot.databaseById(w.dbId());
                    if (db == null || db.deleted()) {
                        continue; // deleted since: its rows are not to be queried or persisted
                    }
                    for (TableBatch batch : w.tables()) {
                        TableSchema schema = db.tableById(batch.tableId());
                        if (schema == null || schema.deleted()) {
                            continue;
                        }
                        TableBuffer tb = tables.computeIfAbsent(key(w.dbId(), batch.tableId()),
                                k -> new TableBuffer(allocator, w.dbId(), batch.tableId(), gen1Nanos));
                        try {
                            tb.append(batch, contents.sequence(), schema);
                        } catch (RuntimeException e) {
                            // One table's failure must not keep the other tables' rows out.
                            failure = failure == null ? e : failure;
                        }
                        touched.add(tb);
                    }
                }
                case WalOp.Noop n -> {
                }
            }
        }
        return failure;
    }

    public long appliedSequence() {
        return appliedSequence;
    }

    void setAppliedSequence(long seq) {
        appliedSequence = seq;
    }

    long walFilesSinceSnapshot() {
        return walFilesSinceSnapshot;
    }

    void resetWalFilesSinceSnapshot() {
        walFilesSinceSnapshot = 0;
    }

    /** Off-heap bytes of buffered rows, including batches only a running statement still holds. */
    long allocatedBytes() {
        return allocator.getAllocatedMemory();
    }

    public long estimatedBytes() {
        long n = 0;
        for (TableBuffer tb : tables.values()) {
            n += tb.estimatedBytes;
        }
        return n;
    }

    TableBuffer table(int dbId, int tableId) {
        return tables.get(key(dbId, tableId));
    }

    Collection<TableBuffer> tables() {
        return tables.values();
    }

    /** Persisted files of one table, oldest first. */
    public List<PersistedFile> files(int dbId, int tableId) {
        return files.getOrDefault(key(dbId, tableId), List.of());
    }

    public List<PersistedFile> allFiles() {
        List<PersistedFile> all = new ArrayList<>();
        for (List<PersistedFile> l : files.values()) {
            all.addAll(l);
        }
        all.sort(java.util.Comparator.comparing(PersistedFile::path));
        return all;
    }

    void setFiles(Collection<PersistedFile> all) {
        files.clear();
        for (PersistedFile f : all) {
            files.computeIfAbsent(key(f.dbId(), f.tableId()), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(f);
        }
    }

    void addFiles(Collection<PersistedFile> added) {
        for (PersistedFile f : added) {
            files.computeIfAbsent(key(f.dbId(), f.tableId()), k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(f);
        }
    }

    void removeFiles(int dbId, int tableId) {
        files.remove(key(dbId, tableId));
    }

    /** Drops the buffered rows of a table (after a hard delete). */
    void dropTable(int dbId, int tableId) {
        TableBuffer tb = tables.remove(key(dbId, tableId));
        if (tb != null) {
            tb.drop();
        }
    }

    @Override
    public void close() {
        for (TableBuffer tb : tables.values()) {
            tb.drop();
        }
        // Memory a query still holds is freed when it ends; the allocator is left to the GC then.
        if (allocator.getAllocatedMemory() == 0) {
            allocator.close();
        }
    }
}
