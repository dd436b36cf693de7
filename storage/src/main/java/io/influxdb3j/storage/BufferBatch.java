package io.influxdb3j.storage;

import io.influxdb3j.wal.ColumnData;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampNanoVector;
import org.apache.arrow.vector.UInt8Vector;
import org.apache.arrow.vector.VarCharVector;

/**
 * The rows one table received from one WAL file, as Arrow vectors off the Java heap: {@code time},
 * {@code __seq} (arrival order), {@code __sid} (series id) and one vector per tag or field column
 * present in the file. Immutable once built; DuckDB reads the vectors in place through the Arrow C stream
 * interface ({@link BufferScans}), so buffering a row costs a copy of its values, not an insert.
 * Nulls are the vectors' validity bits. Reference counted: the buffer holds one reference, each
 * {@link TableBuffer.View} another, so a snapshot can drop a batch a query is still reading.
 */
final class BufferBatch implements AutoCloseable {
    final long walSequence;
    final int rows;
    final long minTime;
    final long maxTime;
    /** Distinct gen1 chunk starts of the rows' times. */
    final long[] chunks;
    final TimeStampNanoVector time;
    final BigIntVector seq;
    final IntVector sid;
    /** Tag and field vectors by column id. */
    final Map<Integer, FieldVector> fields;
    final long bytes;
    private final java.util.concurrent.atomic.AtomicInteger refs = new java.util.concurrent.atomic.AtomicInteger(1);

    private BufferBatch(long walSequence, int rows, long minTime, long maxTime, long[] chunks, TimeStampNanoVector time,
                        BigIntVector seq, IntVector sid, Map<Integer, FieldVector> fields) {
        this.walSequence = walSequence;
        this.rows = rows;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.chunks = chunks;
        this.time = time;
        this.seq = seq;
        this.sid = sid;
        this.fields = fields;
        long b = time.getBufferSize() + seq.getBufferSize() + sid.getBufferSize();
        for (FieldVector v : fields.values()) {
            b += v.getBufferSize();
        }
        this.bytes = b;
    }

    /**
     * Copies {@code n} rows into new vectors; row {@code r} gets order {@code firstSeq + r}.
     * {@code fieldColumns} are the batch's field columns. Tag values come from the rows' series:
     * {@code tagBytes.get(sid)[k]} is the UTF-8 value of tag position k (tag column
     * {@code tagIds[k]}), null or missing when the series lacks it; a tag column no row has is left out.
     */
    static BufferBatch build(BufferAllocator allocator, long walSequence, long firstSeq, int n, long[] times, int[] sids,
                             int[] tagIds, List<byte[][]> tagBytes, List<ColumnData> fieldColumns,
                             long minTime, long maxTime, long[] chunks) {
        TimeStampNanoVector time = new TimeStampNanoVector("time", allocator);
        BigIntVector seq = new BigIntVector("__seq", allocator);
        IntVector sid = new IntVector("__sid", allocator);
        Map<Integer, FieldVector> fields = new HashMap<>();
        try {
            time.allocateNew(n);
            zero(time);
            copyLongs(time, times, n, null);
            seq.allocateNew(n);
            zero(seq);
            ArrowBuf seqData = seq.getDataBuffer();
            for (int r = 0; r < n; r++) {
                seqData.setLong((long) r * 8, firstSeq + r);
            }
            setAllValid(seq, n);
            sid.allocateNew(n);
            zero(sid);
            sid.getDataBuffer().nioBuffer(0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().put(sids, 0, n);
            setAllValid(sid, n);
            for (int k = 0; k < tagIds.length; k++) {
                VarCharVector tag = tagVector(allocator, TableBuffer.columnName(tagIds[k]), k, n, sids, tagBytes);
                if (tag != null) {
                    fields.put(tagIds[k], tag);
                }
            }
            for (ColumnData c : fieldColumns) {
                String name = TableBuffer.columnName(c.columnId());
                FieldVector v = switch (c) {
                    case ColumnData.Doubles d -> {
                        Float8Vector f = new Float8Vector(name, allocator);
                        fields.put(c.columnId(), f);
                        f.allocateNew(n);
                        zero(f);
                        f.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(d.values(), 0, n);
                        setValidity(f, d.valid(), n);
                        yield f;
                    }
                    case ColumnData.Longs l -> {
                        // UBIGINT columns: the long's bits, read as unsigned.
                        BaseFixedWidthVector f = l.type() == io.influxdb3j.common.ColumnType.UINTEGER
                                ? new UInt8Vector(name, allocator) : new BigIntVector(name, allocator);
                        fields.put(c.columnId(), (FieldVector) f);
                        f.allocateNew(n);
                        zero(f);
                        copyLongs(f, l.values(), n, l.valid());
                        yield (FieldVector) f;
                    }
                    case ColumnData.Booleans b -> {
                        BitVector f = new BitVector(name, allocator);
                        fields.put(c.columnId(), f);
                        f.allocateNew(n);
                        zero(f);
                        boolean[] values = b.values();
                        for (int r = 0; r < n; r++) {
                            if (values[r]) {
                                f.getDataBuffer().setByte(r >>> 3, f.getDataBuffer().getByte(r >>> 3) | (1 << (r & 7)));
                            }
                        }
                        setValidity(f, b.valid(), n);
                        yield f;
                    }
                    case ColumnData.Strings s -> {
                        VarCharVector f = new VarCharVector(name, allocator);
                        fields.put(c.columnId(), f);
                        String[] values = s.values();
                        byte[][] utf8 = new byte[n][];
                        long total = 0;
                        for (int r = 0; r < n; r++) {
                            if (values[r] != null) {
                                utf8[r] = values[r].getBytes(StandardCharsets.UTF_8);
                                total += utf8[r].length;
                            }
                        }
                        f.allocateNew(Math.max(1, total), n);
                        zero(f);
                        for (int r = 0; r < n; r++) {
                            if (utf8[r] != null) {
                                f.set(r, utf8[r]);
                            } else {
                                f.setNull(r);
                            }
                        }
                        yield f;
                    }
                };
                v.setValueCount(n);
            }
            time.setValueCount(n);
            seq.setValueCount(n);
            sid.setValueCount(n);
            return new BufferBatch(walSequence, n, minTime, maxTime, chunks, time, seq, sid, fields);
        } catch (RuntimeException | Error e) {
            time.close();
            seq.close();
            sid.close();
            fields.values().forEach(FieldVector::close);
            throw e;
        }
    }

    /** Tag position {@code k} of each row's series; null when no row has that tag. */
    private static VarCharVector tagVector(BufferAllocator allocator, String name, int k, int n, int[] sids,
                                           List<byte[][]> tagBytes) {
        long total = 0;
        int present = 0;
        for (int r = 0; r < n; r++) {
            byte[][] tags = tagBytes.get(sids[r]);
            if (k < tags.length && tags[k] != null) {
                total += tags[k].length;
                present++;
            }
        }
        if (present == 0) {
            return null;
        }
        VarCharVector v = new VarCharVector(name, allocator);
        try {
            v.allocateNew(Math.max(1, total), n);
            zero(v);
            ArrowBuf offsets = v.getOffsetBuffer();
            ArrowBuf data = v.getDataBuffer();
            ArrowBuf validity = v.getValidityBuffer();
            int end = 0;
            offsets.setInt(0, 0);
            for (int r = 0; r < n; r++) {
                byte[][] tags = tagBytes.get(sids[r]);
                byte[] value = k < tags.length ? tags[k] : null;
                if (value != null) {
                    data.setBytes(end, value);
                    end += value.length;
                    validity.setByte(r >>> 3, validity.getByte(r >>> 3) | (1 << (r & 7)));
                }
                offsets.setInt((long) (r + 1) * 4, end);
            }
            v.setLastSet(n - 1);
            v.setValueCount(n);
            return v;
        } catch (RuntimeException | Error e) {
            v.close();
            throw e;
        }
    }

    /** Arrow does not promise zeroed memory: clear validity (and a bit vector's values) before setting bits. */
    private static void zero(FieldVector v) {
        v.getValidityBuffer().setZero(0, v.getValidityBuffer().capacity());
        if (v instanceof BitVector) {
            v.getDataBuffer().setZero(0, v.getDataBuffer().capacity());
        } else if (v instanceof VarCharVector) {
            v.getOffsetBuffer().setZero(0, v.getOffsetBuffer().capacity());
        }
    }

    private static void copyLongs(BaseFixedWidthVector v, long[] values, int n, BitSet valid) {
        v.getDataBuffer().nioBuffer(0, n * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(values, 0, n);
        if (valid == null) {
            setAllValid(v, n);
        } else {
            setValidity(v, valid, n);
        }
    }

    private static void setAllValid(BaseFixedWidthVector v, int n) {
        ArrowBuf validity = v.getValidityBuffer();
        int full = n >>> 3;
        validity.setOne(0L, full);
        for (int r = full << 3; r < n; r++) {
            validity.setByte(r >>> 3, validity.getByte(r >>> 3) | (1 << (r & 7)));
        }
    }

    /** Arrow's validity bits are little-endian within each byte, as {@link BitSet#toLongArray()} is within each word. */
    private static void setValidity(BaseFixedWidthVector v, BitSet valid, int n) {
        if (valid.nextClearBit(0) >= n) {
            setAllValid(v, n);
            return;
        }
        ArrowBuf validity = v.getValidityBuffer();
        long[] words = valid.get(0, n).toLongArray();
        for (int w = 0; w < words.length; w++) {
            for (int b = 0; b < 8 && w * 8 + b < (n + 7) / 8; b++) {
                validity.setByte(w * 8L + b, (byte) (words[w] >>> (8 * b)));
            }
        }
    }

    /** Takes another reference; the holder calls {@link #close()} once. Only on a batch still referenced. */
    void retain() {
        if (refs.getAndIncrement() <= 0) {
            throw new IllegalStateException("buffer batch already freed");
        }
    }

    /** Gives up one reference; the vectors are freed with the last. */
    @Override
    public void close() {
        if (refs.decrementAndGet() != 0) {
            return;
        }
        time.close();
        seq.close();
        sid.close();
        for (FieldVector v : fields.values()) {
            v.close();
        }
    }
}
