package io.influxdb3j.storage;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.wal.ColumnData;
import io.influxdb3j.wal.TableBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The buffered rows of one table, as {@link BufferBatch}es (one per WAL file), Arrow vectors off
 * the Java heap: {@code time}, {@code __seq}, {@code __sid} and the tag and field columns. A query or
 * snapshot takes a {@link View} (the columns and batches of one moment) and registers its batches
 * with DuckDB through {@link BufferScans}, which reads them in place. Columns are named
 * {@code c_{id}} (DuckDB names are case-insensitive, user names are not, and a user column may be
 * called {@code __seq}). {@code __seq} orders rows by arrival: the WAL file's sequence in the high
 * 32 bits, the row's position within that file in the low 32. {@code __sid} numbers the distinct
 * tag sets (series), whose UTF-8 tag values are encoded once and copied into each batch. Appends
 * happen only on the WAL apply thread; batches become visible together at {@link #flush()}.
 */
final class TableBuffer {
    final int dbId;
    final int tableId;
    private final BufferAllocator allocator;
    private final long gen1Nanos;
    /** Columns present in the buffer, in id order (time excluded). */
    private final List<ColumnDef> columns = new ArrayList<>();
    /** Ids of the tag columns, in id order: a tag's position in this array is its position in a tag set. */
    private int[] tagIds = new int[0];
    private final SeriesIndex series = new SeriesIndex();
    /** By series id: the UTF-8 tag values by tag position. */
    private final List<byte[][]> seriesTagBytes = new ArrayList<>();
    /** Published batches, oldest first; replaced (never changed) under this object's lock. */
    private volatile List<BufferBatch> batches = List.of();
    /** Batches appended since the last {@link #flush()}, not yet visible. */
    private final List<BufferBatch> staged = new ArrayList<>();
    volatile long rowCount;
    volatile long minTime = Long.MAX_VALUE;
    volatile long maxTime = Long.MIN_VALUE;
    final TreeSet<Long> chunks = new TreeSet<>();
    /** Set when a row may repeat the tags and time of another row (in the buffer or persisted). */
    volatile boolean mayHaveDuplicates;
    volatile long estimatedBytes;
    private long currentWalSequence = -1;
    private long rowInWalFile;
    /** The time spans of the buffered batches (a superset when a batch failed to build). */
    private final TimeRanges ranges = new TimeRanges();
    /** Per series id: the time of its last row and the {@link #append} call that wrote it. */
    private long[] lastTime = new long[0];
    private int[] lastStamp = new int[0];
    private int appendStamp;
    /** Scratch for {@link BufferBatch#build}: one entry per series, all -1. */
    private int[] localOf = new int[0];

    /**
     * The columns and some batches of one moment (every batch's columns are among {@code columns}),
     * holding a reference to each batch until closed.
     */
    record View(List<ColumnDef> columns, List<BufferBatch> batches) implements AutoCloseable {
        @Override
        public void close() {
            batches.forEach(BufferBatch::close);
        }
    }

    TableBuffer(BufferAllocator allocator, int dbId, int tableId, long gen1Nanos) {
        this.allocator = allocator;
        this.dbId = dbId;
        this.tableId = tableId;
        this.gen1Nanos = gen1Nanos;
    }

    /**
     * The columns and the batches of WAL files up to {@code walSequence} holding rows that may fall
     * in [{@code min}, {@code max}]; the caller closes it.
     */
    synchronized View view(long walSequence, long min, long max) {
        List<BufferBatch> selected = new ArrayList<>();
        for (BufferBatch b : batches) {
            if (b.walSequence <= walSequence && b.maxTime >= min && b.minTime <= max) {
                b.retain();
                selected.add(b);
            }
        }
        return new View(List.copyOf(columns), List.copyOf(selected));
    }

    /** Adds the catalog's newer columns; they join a {@link View} from the next batch on. */
    private void catchUp(TableSchema schema) {
        if (schema.columns().size() - 1 == columns.size()) {
            return;
        }
        List<ColumnDef> all = new ArrayList<>(columns);
        int[] tags = tagIds;
        for (int id = columns.size() + 1; id < schema.columns().size(); id++) {
            ColumnDef c = schema.columns().get(id);
            if (c.type() == ColumnType.TAG) {
                tags = java.util.Arrays.copyOf(tags, tags.length + 1);
                tags[tags.length - 1] = c.id();
            }
            all.add(c);
        }
        tagIds = tags;
        synchronized (this) {
            columns.clear();
            columns.addAll(all);
        }
    }

    /** The DuckDB name of a column in the buffer's relations. */
    static String columnName(int columnId) {
        return "c_" + columnId;
    }

    /** The {@code __seq} value of the first row of WAL file {@code sequence}. */
    static long firstOrderOf(long walSequence) {
        return walSequence << 32;
    }

    /** The start of the gen1 chunk holding {@code t}, saturating at {@link Long#MIN_VALUE}. */
    static long chunkStart(long t, long gen1Nanos) {
        long m = Math.floorMod(t, gen1Nanos);
        return t < Long.MIN_VALUE + m ? Long.MIN_VALUE : t - m;
    }

    /** Stages one WAL file's rows of this table; they become visible at {@link #flush()}. */
    void append(TableBatch batch, long sequence, TableSchema schema) {
        if (sequence != currentWalSequence) {
            currentWalSequence = sequence;
            rowInWalFile = 0;
        }
        catchUp(schema);
        int n = batch.rowCount();
        int width = columns.size();
        String[][] strings = new String[width + 1][];
        List<ColumnData> fieldColumns = new ArrayList<>();
        for (ColumnData c : batch.columns()) {
            int id = c.columnId();
            if (id > width) {
                continue;
            }
            if (c instanceof ColumnData.Strings s && s.type() == ColumnType.TAG) {
                strings[id] = s.values();
            } else {
                fieldColumns.add(c);
            }
        }
        String[][] tagValues = new String[tagIds.length][];
        for (int k = 0; k < tagIds.length; k++) {
            tagValues[k] = strings[tagIds[k]];
        }
        int[] sids = seriesIds(tagValues, n);
        long[] times = batch.time();
        long lastChunk = 0;
        boolean anyChunk = false; // every long is a possible chunk start, Long.MIN_VALUE included
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        java.util.TreeSet<Long> batchChunks = new java.util.TreeSet<>();
        int stamp = ++appendStamp;
        growSeriesScratch();
        for (int r = 0; r < n; r++) {
            long t = times[r];
            int sid = sids[r];
            // A row may repeat the tags and time of a buffered row only if its series has had a
            // row at least as new, and its time lies within one of the batches: either an earlier
            // row of this batch (the series' times did not increase), or an earlier batch's span.
            // Concurrent writers of disjoint time ranges so never set the flag. (Overlap with
            // persisted files is detected from time ranges in TableSources.)
            if (lastStamp[sid] == stamp && t <= lastTime[sid]) {
                mayHaveDuplicates = true;
            }
            lastStamp[sid] = stamp;
            lastTime[sid] = t;
            long prev = series.putMax(sid, t);
            if (prev != Long.MIN_VALUE && prev >= t && !mayHaveDuplicates && ranges.contains(t)) {
                mayHaveDuplicates = true;
            }
            if (t < min) {
                min = t;
            }
            if (t > max) {
                max = t;
            }
            long chunk = chunkStart(t, gen1Nanos);
            if (chunk != lastChunk || !anyChunk) {
                batchChunks.add(chunk);
                lastChunk = chunk;
                anyChunk = true;
            }
        }
        if (n > 0) {
            ranges.add(min, max);
        }
        long[] chunkArray = batchChunks.stream().mapToLong(Long::longValue).toArray();
        BufferBatch b = BufferBatch.build(allocator, sequence, firstOrderOf(sequence) + rowInWalFile, n, times, sids,
                tagIds, seriesTagBytes, localScratch(), fieldColumns, min, max, chunkArray);
        rowInWalFile += n;
        staged.add(b);
        synchronized (this) {
            for (long c : chunkArray) {
                chunks.add(c);
            }
        }
        if (n > 0) {
            minTime = Math.min(minTime, min);
            maxTime = Math.max(maxTime, max);
        }
        estimatedBytes += b.bytes;
        rowCount += n;
    }

    private void growSeriesScratch() {
        int need = seriesTagBytes.size() + 1;
        if (lastTime.length < need) {
            int size = Math.max(need, lastTime.length * 2);
            lastTime = java.util.Arrays.copyOf(lastTime, size);
            lastStamp = java.util.Arrays.copyOf(lastStamp, size);
        }
    }

    private int[] localScratch() {
        if (localOf.length < seriesTagBytes.size()) {
            int old = localOf.length;
            localOf = java.util.Arrays.copyOf(localOf, Math.max(seriesTagBytes.size(), old * 2));
            java.util.Arrays.fill(localOf, old, localOf.length, -1);
        }
        return localOf;
    }

    /** The series id of each row, encoding the tags of new series once. */
    private int[] seriesIds(String[][] tagValues, int n) {
        int[] sids = new int[n];
        for (int r = 0; r < n; r++) {
            int id = series.idOf(tagValues, r, SeriesIndex.hash(tagValues, r));
            if (id < 0) {
                id = -1 - id;
                String[] tags = series.tags(id);
                byte[][] utf8 = new byte[tags.length][];
                for (int k = 0; k < tags.length; k++) {
                    if (tags[k] != null) {
                        utf8[k] = tags[k].getBytes(StandardCharsets.UTF_8);
                        estimatedBytes += utf8[k].length + 16;
                    }
                }
                seriesTagBytes.add(utf8); // ids are dense: this is entry id
            }
            sids[r] = id;
        }
        return sids;
    }

    /** Makes the staged batches visible to queries and snapshots, all at once. */
    void flush() {
        if (staged.isEmpty()) {
            return;
        }
        synchronized (this) {
            List<BufferBatch> all = new ArrayList<>(batches.size() + staged.size());
            all.addAll(batches);
            all.addAll(staged);
            batches = List.copyOf(all);
        }
        staged.clear();
    }

    synchronized TreeSet<Long> chunksCopy() {
        return new TreeSet<>(chunks);
    }

    /**
     * Drops the batches of WAL files up to {@code walSequence} (persisted by a snapshot) and
     * recomputes the counts, time range and chunks from the rest. Under the buffer's write lock; a
     * query still reading a dropped batch keeps its memory until it is done.
     */
    synchronized void removeUpTo(long walSequence) {
        List<BufferBatch> kept = new ArrayList<>();
        for (BufferBatch b : batches) {
            if (b.walSequence <= walSequence) {
                b.close();
            } else {
                kept.add(b);
            }
        }
        batches = List.copyOf(kept);
        long rows = 0;
        long bytes = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        chunks.clear();
        for (BufferBatch b : kept) {
            rows += b.rows;
            bytes += b.bytes;
            if (b.rows > 0) {
                min = Math.min(min, b.minTime);
                max = Math.max(max, b.maxTime);
            }
            for (long c : b.chunks) {
                chunks.add(c);
            }
        }
        rowCount = rows;
        minTime = min;
        maxTime = max;
        estimatedBytes = bytes;
        ranges.clear();
        for (BufferBatch b : kept) {
            if (b.rows > 0) {
                ranges.add(b.minTime, b.maxTime);
            }
        }
    }

    /**
     * Forgets every series once no buffered row refers to one (after a snapshot took them all), so
     * the series index does not grow with tag sets that are long persisted. Under the write lock.
     */
    void clearSeriesIfEmpty() {
        if (rowCount != 0 || series.size() == 0) {
            return;
        }
        series.clear();
        seriesTagBytes.clear();
        java.util.Arrays.fill(lastStamp, 0);
        // The persisted rows were merged by the snapshot; overlap with them is found from the
        // files' time ranges.
        mayHaveDuplicates = false;
    }

    /** Frees the batches (after a hard delete, or at shutdown). */
    void drop() {
        synchronized (this) {
            for (BufferBatch b : batches) {
                b.close();
            }
            batches = List.of();
        }
        for (BufferBatch b : staged) {
            b.close();
        }
        staged.clear();
    }
}
