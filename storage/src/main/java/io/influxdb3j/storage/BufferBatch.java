package io.influxdb3j.storage;

import io.influxdb3j.wal.ColumnData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The rows one table received from one WAL file, as Arrow buffers off the Java heap, laid out as
 * Arrow arrays DuckDB can read in place ({@link BufferScans}): {@code time}, {@code __seq}
 * (arrival order), {@code __sid} (series id), one array per field column present in the file, and
 * per tag column a dictionary-encoded array: every tag column's indices are the same buffer, the
 * row's series' position among the batch's series, and each tag column's dictionary holds that
 * tag's value per series. So a row's tags cost one index, and DuckDB converts each distinct tag
 * value once per batch. Buffering a row costs a copy of its values, not an insert.
 *
 * <p>Immutable once built. Reference counted: the buffer holds one reference, each
 * {@link TableBuffer.View} another, so a snapshot can drop a batch a query is still reading.
 */
final class BufferBatch implements AutoCloseable {
    /** One Arrow array: its length, null count and buffers in Arrow's order (validity first). */
    record Column(int length, int nullCount, ArrowBuf[] buffers) {
    }

    /** A tag column: the rows' indices (validity: the row's series has the tag) and the dictionary. */
    record Tag(Column indices, Column dictionary) {
    }

    final long walSequence;
    final int rows;
    final long minTime;
    final long maxTime;
    /** Distinct gen1 chunk starts of the rows' times. */
    final long[] chunks;
    final Column time;
    final Column seq;
    final Column sid;
    /** Field columns by column id. */
    final Map<Integer, Column> fields;
    /** Tag columns by column id; a tag no row of the batch has is absent. */
    final Map<Integer, Tag> tags;
    final long bytes;
    private final AtomicInteger refs = new AtomicInteger(1);

    private BufferBatch(long walSequence, int rows, long minTime, long maxTime, long[] chunks, Column time, Column seq,
                        Column sid, Map<Integer, Column> fields, Map<Integer, Tag> tags) {
        this.walSequence = walSequence;
        this.rows = rows;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.chunks = chunks;
        this.time = time;
        this.seq = seq;
        this.sid = sid;
        this.fields = fields;
        this.tags = tags;
        Map<ArrowBuf, Boolean> distinct = new IdentityHashMap<>();
        for (Column c : columns()) {
            for (ArrowBuf b : c.buffers()) {
                distinct.put(b, Boolean.TRUE);
            }
        }
        long size = 0;
        for (ArrowBuf b : distinct.keySet()) {
            size += b.capacity();
        }
        this.bytes = size;
    }

    private List<Column> columns() {
        List<Column> all = new java.util.ArrayList<>(List.of(time, seq, sid));
        all.addAll(fields.values());
        for (Tag t : tags.values()) {
            all.add(t.indices());
            all.add(t.dictionary());
        }
        return all;
    }

    /**
     * Copies {@code n} rows; row {@code r} gets order {@code firstSeq + r}. {@code fieldColumns} are
     * the batch's field columns. Tags come from the rows' series: {@code tagBytes.get(sid)[k]} is the
     * UTF-8 value of tag position k (tag column {@code tagIds[k]}), null or beyond the array when the
     * series lacks it. {@code localOf} is scratch space: at least one entry per series, all -1, and
     * left so.
     */
    static BufferBatch build(BufferAllocator allocator, long walSequence, long firstSeq, int n, long[] times, int[] sids,
                             int[] tagIds, List<byte[][]> tagBytes, int[] localOf, List<ColumnData> fieldColumns,
                             long minTime, long maxTime, long[] chunks) {
        Builder b = new Builder(allocator);
        try {
            Column time = b.column(n, 0, b.empty(), b.longs(times, n));
            ArrowBuf seqData = allocator.buffer(8L * n);
            b.owned(seqData);
            for (int r = 0; r < n; r++) {
                seqData.setLong(8L * r, firstSeq + r);
            }
            Column seq = b.column(n, 0, b.empty(), seqData);
            ArrowBuf sidData = allocator.buffer(4L * n);
            b.owned(sidData);
            sidData.nioBuffer(0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(sids, 0, n);
            Column sid = b.column(n, 0, b.empty(), sidData);
            Map<Integer, Tag> tags = new HashMap<>();
            if (tagIds.length > 0) {
                b.tags(tagIds, tagBytes, localOf, sids, n, tags);
            }
            Map<Integer, Column> fields = new HashMap<>();
            for (ColumnData c : fieldColumns) {
                fields.put(c.columnId(), b.field(c, n));
            }
            return new BufferBatch(walSequence, n, minTime, maxTime, chunks, time, seq, sid, fields, tags);
        } catch (RuntimeException | Error e) {
            b.releaseAll();
            throw e;
        } finally {
            b.releaseOwned();
        }
    }

    /**
     * Makes the buffers of one batch. Each {@link Column} takes its own reference to each of its
     * buffers; the builder's references are given up at the end ({@link #releaseOwned}).
     */
    private static final class Builder {
        private final BufferAllocator allocator;
        private final List<ArrowBuf> owned = new java.util.ArrayList<>();
        private final List<Column> made = new java.util.ArrayList<>();

        Builder(BufferAllocator allocator) {
            this.allocator = allocator;
        }

        ArrowBuf owned(ArrowBuf buf) {
            owned.add(buf);
            return buf;
        }

        ArrowBuf empty() {
            return owned(allocator.buffer(0));
        }

        Column column(int length, int nullCount, ArrowBuf... buffers) {
            for (ArrowBuf buf : buffers) {
                buf.getReferenceManager().retain();
            }
            Column c = new Column(length, nullCount, buffers);
            made.add(c);
            return c;
        }

        ArrowBuf longs(long[] values, int n) {
            ArrowBuf data = owned(allocator.buffer(8L * n));
            data.nioBuffer(0, 8 * n).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, 0, n);
            return data;
        }

        /** The validity buffer of {@code valid} (bits past {@code n} clear), or an empty one when every row is valid. */
        ArrowBuf validity(BitSet valid, int n) {
            if (valid.nextClearBit(0) >= n) {
                return empty();
            }
            return bitsOf(valid.get(0, n), n);
        }

        static int nulls(BitSet valid, int n) {
            if (valid.nextClearBit(0) >= n) {
                return 0; // the usual case, without counting
            }
            return n - valid.get(0, n).cardinality();
        }

        Column field(ColumnData c, int n) {
            return switch (c) {
                case ColumnData.Doubles d -> {
                    ArrowBuf data = owned(allocator.buffer(8L * n));
                    data.nioBuffer(0, 8 * n).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(d.values(), 0, n);
                    yield column(n, nulls(d.valid(), n), validity(d.valid(), n), data);
                }
                // UBIGINT columns: the long's bits, read as unsigned.
                case ColumnData.Longs l -> column(n, nulls(l.valid(), n), validity(l.valid(), n), longs(l.values(), n));
                case ColumnData.Booleans bools -> {
                    BitSet bits = new BitSet(n);
                    boolean[] values = bools.values();
                    for (int r = 0; r < n; r++) {
                        if (values[r]) {
                            bits.set(r);
                        }
                    }
                    ArrowBuf data = bits.isEmpty() ? zeroed((n + 7) / 8) : bitsOf(bits, n);
                    yield column(n, nulls(bools.valid(), n), validity(bools.valid(), n), data);
                }
                case ColumnData.Strings s -> {
                    String[] values = s.values();
                    byte[][] utf8 = new byte[n][];
                    BitSet valid = new BitSet(n);
                    for (int r = 0; r < n; r++) {
                        if (values[r] != null) {
                            utf8[r] = values[r].getBytes(StandardCharsets.UTF_8);
                            valid.set(r);
                        }
                    }
                    yield strings(utf8, valid, n);
                }
            };
        }

        /** Arrow's bit layout (least significant bit first) is {@link BitSet#toLongArray()}'s, little-endian. */
        private ArrowBuf bitsOf(BitSet bits, int n) {
            long[] words = bits.toLongArray();
            int wordCount = (n + 63) / 64;
            ArrowBuf buf = owned(allocator.buffer(8L * wordCount));
            ByteBuffer view = buf.nioBuffer(0, 8 * wordCount).order(ByteOrder.LITTLE_ENDIAN);
            for (int w = 0; w < wordCount; w++) {
                view.putLong(w < words.length ? words[w] : 0L);
            }
            return buf;
        }

        private ArrowBuf zeroed(long size) {
            ArrowBuf buf = owned(allocator.buffer(Math.max(8, size)));
            buf.setZero(0, buf.capacity());
            return buf;
        }

        /** A UTF-8 string array; {@code values[r]} is ignored where {@code valid} is clear. */
        Column strings(byte[][] values, BitSet valid, int n) {
            long total = 0;
            for (int r = 0; r < n; r++) {
                if (values[r] != null) {
                    total += values[r].length;
                }
            }
            ArrowBuf offsets = owned(allocator.buffer(4L * (n + 1)));
            ArrowBuf data = owned(allocator.buffer(Math.max(1, total)));
            int end = 0;
            offsets.setInt(0, 0);
            for (int r = 0; r < n; r++) {
                byte[] v = values[r];
                if (v != null && valid.get(r)) {
                    data.setBytes(end, v);
                    end += v.length;
                }
                offsets.setInt(4L * (r + 1), end);
            }
            return column(n, nulls(valid, n), validity(valid, n), offsets, data);
        }

        /**
         * The tag columns: the batch's series numbered in order of first appearance (one index per
         * row, shared by every tag column), and per tag a dictionary of its value per series.
         */
        void tags(int[] tagIds, List<byte[][]> tagBytes, int[] localOf, int[] sids, int n, Map<Integer, Tag> out) {
            ArrowBuf indices = owned(allocator.buffer(4L * n));
            int[] local = new int[n];
            int[] seriesOfLocal = new int[Math.min(n, tagBytes.size())];
            int count = 0;
            try {
                for (int r = 0; r < n; r++) {
                    int s = sids[r];
                    int l = localOf[s];
                    if (l < 0) {
                        l = count++;
                        localOf[s] = l;
                        seriesOfLocal[l] = s;
                    }
                    local[r] = l;
                }
            } finally {
                for (int l = 0; l < count; l++) {
                    localOf[seriesOfLocal[l]] = -1;
                }
            }
            indices.nioBuffer(0, 4 * n).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(local, 0, n);
            for (int k = 0; k < tagIds.length; k++) {
                byte[][] values = new byte[count][];
                BitSet present = new BitSet(count);
                for (int l = 0; l < count; l++) {
                    byte[][] t = tagBytes.get(seriesOfLocal[l]);
                    if (k < t.length && t[k] != null) {
                        values[l] = t[k];
                        present.set(l);
                    }
                }
                if (present.isEmpty()) {
                    continue;
                }
                BitSet rowValid;
                if (present.cardinality() == count) {
                    rowValid = null;
                } else {
                    rowValid = new BitSet(n);
                    for (int r = 0; r < n; r++) {
                        if (present.get(local[r])) {
                            rowValid.set(r);
                        }
                    }
                }
                Column idx = rowValid == null
                        ? column(n, 0, empty(), indices)
                        : column(n, nulls(rowValid, n), validity(rowValid, n), indices);
                out.put(tagIds[k], new Tag(idx, strings(values, present, count)));
            }
        }

        void releaseOwned() {
            for (ArrowBuf buf : owned) {
                buf.getReferenceManager().release();
            }
            owned.clear();
        }

        void releaseAll() {
            for (Column c : made) {
                release(c);
            }
        }
    }

    private static void release(Column c) {
        for (ArrowBuf buf : c.buffers()) {
            buf.getReferenceManager().release();
        }
    }

    /** Takes another reference; the holder calls {@link #close()} once. Only on a batch still referenced. */
    void retain() {
        if (refs.getAndIncrement() <= 0) {
            throw new IllegalStateException("buffer batch already freed");
        }
    }

    /** Gives up one reference; the buffers are freed with the last. */
    @Override
    public void close() {
        if (refs.decrementAndGet() != 0) {
            return;
        }
        for (Column c : columns()) {
            release(c);
        }
    }

}
