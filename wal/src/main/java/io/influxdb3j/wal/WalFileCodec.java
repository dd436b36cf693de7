package io.influxdb3j.wal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.influxdb3j.common.ColumnType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Encodes {@link WalContents} to the bytes of one WAL file and back.
 *
 * <pre>
 * File (header integers big-endian):
 *
 *  0        8        10         14         18
 *  +--------+--------+----------+----------+---------------------------+
 *  | magic  |version | payload  | CRC32C   | payload                   |
 *  |IDB3JWAL|  u16=1 | len i32  | of payld | (payload len bytes)       |
 *  +--------+--------+----------+----------+---------------------------+
 *
 * Payload (integers little-endian, the native order of x86 and ARM, so column arrays are bulk copies):
 *  +----------+-----------------+-------------+-------------+----------+-------+
 *  | sequence | persistTsMillis | minTimeNanos| maxTimeNanos| opCount  | op... |
 *  |   i64    |      i64        |    i64      |    i64      |   i32    |       |
 *  +----------+-----------------+-------------+-------------+----------+-------+
 *
 * op:    tag u8  1 = Write, 2 = Noop (no body)
 * Write: | dbId i32 | dbName str | minTimeNanos i64 | maxTimeNanos i64 | tableCount i32 | table... |
 * table: | tableId i32 | tableName str | rowCount i32 | time i64[rowCount] | columnCount i32 | column... |
 * column:| kind u8 | columnId i32 | ColumnType ordinal u8 | body |
 *   kind 1 Strings:  rowCount x str                     (a null value is length -1)
 *   kind 2 Doubles:  validity[ceil(rows/8)] | IEEE-754 bits i64[rows]
 *   kind 3 Longs:    validity[ceil(rows/8)] | i64[rows]
 *   kind 4 Booleans: validity[ceil(rows/8)] | values  [ceil(rows/8)]
 * str:   | length i32 (-1 = null) | UTF-8 bytes |
 * validity / boolean values: bit i of the column is bit (i % 8) of byte (i / 8); padding bits are 0.
 * </pre>
 *
 * <p>Encoding is on the flush path, so it writes primitives straight into one array sized exactly
 * up front when strings are ASCII (so no final copy), with bulk copies for numeric columns, no
 * per-value objects, and strings UTF-8 encoded in place. Decoding validates every length
 * against the bytes that remain before allocating, so a damaged file fails with
 * {@link WalCorruptException} and never with an out-of-memory or index error.
 */
public final class WalFileCodec {
    static final byte[] MAGIC = {'I', 'D', 'B', '3', 'J', 'W', 'A', 'L'};
    static final int FORMAT_VERSION = 1;
    static final int HEADER_BYTES = 18;
    private static final int VERSION_OFFSET = 8;
    private static final int LENGTH_OFFSET = 10;
    private static final int CRC_OFFSET = 14;

    private static final byte OP_WRITE = 1;
    private static final byte OP_NOOP = 2;
    private static final byte KIND_STRINGS = 1;
    private static final byte KIND_DOUBLES = 2;
    private static final byte KIND_LONGS = 3;
    private static final byte KIND_BOOLEANS = 4;

    private static final ColumnType[] COLUMN_TYPES = ColumnType.values();
    private static final ByteOrder PAYLOAD_ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, PAYLOAD_ORDER);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, PAYLOAD_ORDER);
    private static final VarHandle HEADER_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle HEADER_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private WalFileCodec() {
    }

    // ------------------------------------------------------------------------------------------
    // encode

    /** One op encoded by {@link #encodeOpInPlace}: its bytes are {@code bytes[0, length)}. */
    public record EncodedOp(byte[] bytes, int length) {
    }

    /**
     * Encodes one op as it appears in a file's op list (its tag byte, then its body), so callers
     * can encode on their own threads and a file only gathers them. The array may be longer than
     * the encoding (no trimming copy).
     */
    public static EncodedOp encodeOpInPlace(WalOp op) {
        // A cheap first guess (the writer grows if needed): walking every string to size the
        // buffer exactly cost more than the occasional copy.
        long guess = 64;
        if (op instanceof WalOp.Write write) {
            for (TableBatch t : write.tables()) {
                guess += 64 + (long) t.rowCount() * (8 + 12L * t.columns().size());
            }
        }
        Writer w = new Writer((int) Math.min(guess, Integer.MAX_VALUE - 64));
        switch (op) {
            case WalOp.Write write -> {
                w.putByte(OP_WRITE);
                encodeWrite(w, write);
            }
            case WalOp.Noop noop -> w.putByte(OP_NOOP);
        }
        return new EncodedOp(w.buf, w.pos);
    }

    /**
     * A whole WAL file from ops already encoded, as buffers to write in order: the header and file
     * fields, then each op's bytes in place (nothing is concatenated). Together they are identical
     * to {@link #encode}'s output.
     */
    public static java.util.List<java.nio.ByteBuffer> fileParts(long sequence, long persistTimestampMillis, long minTimeNanos,
                                                                long maxTimeNanos, java.util.List<EncodedOp> encodedOps) {
        long payload = 8 * 4 + 4;
        for (EncodedOp op : encodedOps) {
            payload += op.length();
        }
        if (HEADER_BYTES + payload > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("WAL file would exceed 2 GiB: flush more often or lower --wal-max-write-buffer-size");
        }
        Writer w = new Writer(HEADER_BYTES + 8 * 4 + 4);
        w.pos = HEADER_BYTES;
        w.putLong(sequence);
        w.putLong(persistTimestampMillis);
        w.putLong(minTimeNanos);
        w.putLong(maxTimeNanos);
        w.putInt(encodedOps.size());
        CRC32C crc = new CRC32C();
        crc.update(w.buf, HEADER_BYTES, w.pos - HEADER_BYTES);
        java.util.List<java.nio.ByteBuffer> parts = new java.util.ArrayList<>(encodedOps.size() + 1);
        parts.add(java.nio.ByteBuffer.wrap(w.buf, 0, w.pos));
        for (EncodedOp op : encodedOps) {
            crc.update(op.bytes(), 0, op.length());
            parts.add(java.nio.ByteBuffer.wrap(op.bytes(), 0, op.length()));
        }
        System.arraycopy(MAGIC, 0, w.buf, 0, MAGIC.length);
        HEADER_SHORT.set(w.buf, VERSION_OFFSET, (short) FORMAT_VERSION);
        HEADER_INT.set(w.buf, LENGTH_OFFSET, (int) payload);
        HEADER_INT.set(w.buf, CRC_OFFSET, (int) crc.getValue());
        return parts;
    }

    public static byte[] encode(WalContents contents) {
        Writer w = new Writer(HEADER_BYTES + payloadSizeIfAscii(contents));
        w.pos = HEADER_BYTES;
        w.putLong(contents.sequence());
        w.putLong(contents.persistTimestampMillis());
        w.putLong(contents.minTimeNanos());
        w.putLong(contents.maxTimeNanos());
        w.putInt(contents.ops().size());
        for (WalOp op : contents.ops()) {
            switch (op) {
                case WalOp.Write write -> {
                    w.putByte(OP_WRITE);
                    encodeWrite(w, write);
                }
                case WalOp.Noop noop -> w.putByte(OP_NOOP);
            }
        }
        int payloadLength = w.pos - HEADER_BYTES;
        System.arraycopy(MAGIC, 0, w.buf, 0, MAGIC.length);
        HEADER_SHORT.set(w.buf, VERSION_OFFSET, (short) FORMAT_VERSION);
        HEADER_INT.set(w.buf, LENGTH_OFFSET, payloadLength);
        HEADER_INT.set(w.buf, CRC_OFFSET, crc(w.buf, HEADER_BYTES, payloadLength));
        return w.buf.length == w.pos ? w.buf : Arrays.copyOf(w.buf, w.pos);
    }

    private static void encodeWrite(Writer w, WalOp.Write write) {
        w.putInt(write.dbId());
        w.putString(write.dbName());
        w.putLong(write.minTimeNanos());
        w.putLong(write.maxTimeNanos());
        w.putInt(write.tables().size());
        for (TableBatch table : write.tables()) {
            int rows = table.rowCount();
            checkLength(table, "time", table.time().length);
            w.putInt(table.tableId());
            w.putString(table.tableName());
            w.putInt(rows);
            w.putLongs(table.time(), rows);
            w.putInt(table.columns().size());
            for (ColumnData column : table.columns()) {
                switch (column) {
                    case ColumnData.Strings s -> {
                        checkLength(table, column, s.values().length);
                        w.putColumnHeader(KIND_STRINGS, s.columnId(), s.type());
                        String[] values = s.values();
                        for (int i = 0; i < rows; i++) {
                            w.putString(values[i]);
                        }
                    }
                    case ColumnData.Doubles d -> {
                        checkLength(table, column, d.values().length);
                        w.putColumnHeader(KIND_DOUBLES, d.columnId(), d.type());
                        w.putBitmap(d.valid(), rows);
                        w.putDoubles(d.values(), rows);
                    }
                    case ColumnData.Longs l -> {
                        checkLength(table, column, l.values().length);
                        w.putColumnHeader(KIND_LONGS, l.columnId(), l.type());
                        w.putBitmap(l.valid(), rows);
                        w.putLongs(l.values(), rows);
                    }
                    case ColumnData.Booleans b -> {
                        checkLength(table, column, b.values().length);
                        w.putColumnHeader(KIND_BOOLEANS, b.columnId(), b.type());
                        w.putBitmap(b.valid(), rows);
                        w.putBooleans(b.values(), rows);
                    }
                }
            }
        }
    }

    private static void checkLength(TableBatch table, Object what, int length) {
        if (length != table.rowCount()) {
            String name = what instanceof ColumnData c ? "column " + c.columnId() : what.toString();
            throw new IllegalArgumentException("table '" + table.tableName() + "' has " + table.rowCount()
                    + " rows but its " + name + " array holds " + length + " values: arrays must be exactly rowCount long");
        }
    }

    /**
     * The exact payload size if every string is ASCII (one byte per char), so the common case
     * allocates once and never copies; other strings make the buffer grow, then get trimmed.
     */
    private static int payloadSizeIfAscii(WalContents contents) {
        long size = 8 * 4 + 4;
        for (WalOp op : contents.ops()) {
            size += 1;
            if (op instanceof WalOp.Write write) {
                size += 4 + stringSizeIfAscii(write.dbName()) + 8 + 8 + 4;
                for (TableBatch table : write.tables()) {
                    int rows = table.rowCount();
                    long bitmap = (rows + 7) >>> 3;
                    size += 4 + stringSizeIfAscii(table.tableName()) + 4 + rows * 8L + 4;
                    for (ColumnData column : table.columns()) {
                        size += 6 + switch (column) {
                            case ColumnData.Strings strings -> {
                                String[] values = strings.values();
                                long bytes = 0;
                                for (int i = 0, n = Math.min(rows, values.length); i < n; i++) {
                                    bytes += stringSizeIfAscii(values[i]);
                                }
                                yield bytes;
                            }
                            case ColumnData.Doubles d -> bitmap + rows * 8L;
                            case ColumnData.Longs l -> bitmap + rows * 8L;
                            case ColumnData.Booleans b -> bitmap * 2;
                        };
                    }
                }
            }
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 64);
    }

    private static int stringSizeIfAscii(String s) {
        return s == null ? 4 : 4 + s.length();
    }

    private static int crc(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        return (int) crc.getValue();
    }

    /** A growable little-endian byte buffer with bulk writes for the column arrays. */
    private static final class Writer {
        byte[] buf;
        int pos;

        Writer(int capacity) {
            buf = new byte[capacity];
        }

        void ensure(long more) {
            long needed = pos + more;
            if (needed > buf.length) {
                if (needed > Integer.MAX_VALUE - 16) {
                    throw new IllegalArgumentException("WAL file would exceed 2 GiB: flush more often or lower --wal-max-write-buffer-size");
                }
                long grown = Math.max(needed, Math.min((long) buf.length * 2, Integer.MAX_VALUE - 16));
                buf = Arrays.copyOf(buf, (int) grown);
            }
        }

        void putByte(byte b) {
            ensure(1);
            buf[pos++] = b;
        }

        void putInt(int v) {
            ensure(4);
            INT.set(buf, pos, v);
            pos += 4;
        }

        void putLong(long v) {
            ensure(8);
            LONG.set(buf, pos, v);
            pos += 8;
        }

        void putColumnHeader(byte kind, int columnId, ColumnType type) {
            ensure(6);
            buf[pos] = kind;
            INT.set(buf, pos + 1, columnId);
            buf[pos + 5] = (byte) type.ordinal();
            pos += 6;
        }

        void putLongs(long[] values, int n) {
            ensure(n * 8L);
            // a view in the native order turns this into a memory copy
            ByteBuffer.wrap(buf, pos, n * 8).order(PAYLOAD_ORDER).asLongBuffer().put(values, 0, n);
            pos += n * 8;
        }

        /** Raw IEEE-754 bits, so every NaN payload survives. */
        void putDoubles(double[] values, int n) {
            ensure(n * 8L);
            ByteBuffer.wrap(buf, pos, n * 8).order(PAYLOAD_ORDER).asDoubleBuffer().put(values, 0, n);
            pos += n * 8;
        }

        void putBooleans(boolean[] values, int n) {
            int bytes = (n + 7) >>> 3;
            ensure(bytes);
            byte[] b = buf;
            Arrays.fill(b, pos, pos + bytes, (byte) 0);
            for (int i = 0; i < n; i++) {
                if (values[i]) {
                    b[pos + (i >>> 3)] |= (byte) (1 << (i & 7));
                }
            }
            pos += bytes;
        }

        /** The first {@code n} bits of {@code bits}, packed like {@link BitSet#toByteArray()}; later bits are dropped. */
        void putBitmap(BitSet bits, int n) {
            int bytes = (n + 7) >>> 3;
            ensure(bytes);
            long[] words = bits.toLongArray();
            byte[] b = buf;
            for (int j = 0; j < bytes; j++) {
                int word = j >>> 3;
                b[pos + j] = word < words.length ? (byte) (words[word] >>> ((j & 7) << 3)) : 0;
            }
            if ((n & 7) != 0) {
                b[pos + bytes - 1] &= (byte) ((1 << (n & 7)) - 1);
            }
            pos += bytes;
        }

        /**
         * UTF-8 in place: reserve the length, encode, then patch the length. Unpaired surrogates
         * become '?', as {@link String#getBytes} does.
         */
        void putString(String s) {
            if (s == null) {
                putInt(-1);
                return;
            }
            int len = s.length();
            ensure(4L + len); // exact for ASCII: the buffer was sized for that
            byte[] b = buf;
            int start = pos + 4;
            int i = 0;
            for (; i < len; i++) { // ASCII fast path, indexed from start so bounds checks hoist
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[start + i] = (byte) c;
            }
            int p = start + i;
            if (i < len) {
                // at most 3 bytes per remaining UTF-16 unit (a 4-byte code point takes two units)
                ensure((p - pos) + (len - i) * 3L);
                b = buf;
            }
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    char next = i + 1 < len ? s.charAt(i + 1) : 0;
                    if (Character.isHighSurrogate(c) && Character.isLowSurrogate(next)) {
                        int cp = Character.toCodePoint(c, next);
                        b[p++] = (byte) (0xF0 | (cp >> 18));
                        b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        b[p++] = (byte) (0x80 | (cp & 0x3F));
                        i++;
                    } else {
                        b[p++] = '?';
                    }
                } else {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            INT.set(b, pos, p - start);
            pos = p;
        }
    }

    // ------------------------------------------------------------------------------------------
    // decode

    /** Decodes bytes not tied to a file; errors name the source as {@code <bytes>}. */
    public static WalContents decode(byte[] bytes) {
        return decode(bytes, "<bytes>");
    }

    /** Decodes one WAL file; {@code file} (its object path) is named in every error. */
    public static WalContents decode(byte[] bytes, String file) {
        if (bytes.length < HEADER_BYTES) {
            throw new WalCorruptException(file, "truncated: " + bytes.length + " bytes is shorter than the "
                    + HEADER_BYTES + "-byte header");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new WalCorruptException(file, "bad magic " + printable(bytes, 0, MAGIC.length)
                    + ", expected IDB3JWAL: this is not a WAL file");
        }
        int version = Short.toUnsignedInt((short) HEADER_SHORT.get(bytes, VERSION_OFFSET));
        if (version != FORMAT_VERSION) {
            throw new WalCorruptException(file, "unknown format version " + version + ", this build reads version "
                    + FORMAT_VERSION + ": it was written by a newer server, or is damaged");
        }
        int payloadLength = (int) HEADER_INT.get(bytes, LENGTH_OFFSET);
        long available = bytes.length - (long) HEADER_BYTES;
        if (payloadLength < 0 || payloadLength > available) {
            throw new WalCorruptException(file, "truncated: header declares a " + Integer.toUnsignedString(payloadLength)
                    + "-byte payload but " + available + " bytes follow the header");
        }
        if (payloadLength < available) {
            throw new WalCorruptException(file, (available - payloadLength)
                    + " unexpected bytes after the " + payloadLength + "-byte payload");
        }
        int expectedCrc = (int) HEADER_INT.get(bytes, CRC_OFFSET);
        int actualCrc = crc(bytes, HEADER_BYTES, payloadLength);
        if (expectedCrc != actualCrc) {
            throw new WalCorruptException(file, String.format("CRC32C mismatch: header has %08x, payload has %08x",
                    expectedCrc, actualCrc));
        }
        Reader r = new Reader(bytes, HEADER_BYTES, file);
        long sequence = r.getLong();
        long persistTimestampMillis = r.getLong();
        long minTime = r.getLong();
        long maxTime = r.getLong();
        int opCount = r.getCount("op", 1);
        List<WalOp> ops = new ArrayList<>(opCount);
        for (int i = 0; i < opCount; i++) {
            byte tag = r.getByte();
            switch (tag) {
                case OP_WRITE -> ops.add(decodeWrite(r));
                case OP_NOOP -> ops.add(new WalOp.Noop());
                default -> throw r.corrupt("unknown op tag " + tag + " for op " + i);
            }
        }
        if (r.pos != bytes.length) {
            throw r.corrupt((bytes.length - r.pos) + " bytes left over after the last op");
        }
        return new WalContents(sequence, persistTimestampMillis, minTime, maxTime, Collections.unmodifiableList(ops));
    }

    private static WalOp.Write decodeWrite(Reader r) {
        int dbId = r.getInt();
        String dbName = r.getString();
        long minTime = r.getLong();
        long maxTime = r.getLong();
        // smallest table: id, name length, rowCount, columnCount
        int tableCount = r.getCount("table", 16);
        List<TableBatch> tables = new ArrayList<>(tableCount);
        for (int t = 0; t < tableCount; t++) {
            int tableId = r.getInt();
            String tableName = r.getString();
            int rows = r.getCount("row", 8);
            long[] time = r.getLongs(rows);
            // smallest column: kind, id, type (a Strings column of zero rows)
            int columnCount = r.getCount("column", 6);
            List<ColumnData> columns = new ArrayList<>(columnCount);
            for (int c = 0; c < columnCount; c++) {
                columns.add(decodeColumn(r, rows));
            }
            tables.add(new TableBatch(tableId, tableName, rows, time, Collections.unmodifiableList(columns)));
        }
        return new WalOp.Write(dbId, dbName, Collections.unmodifiableList(tables), minTime, maxTime);
    }

    private static ColumnData decodeColumn(Reader r, int rows) {
        byte kind = r.getByte();
        int columnId = r.getInt();
        int ordinal = Byte.toUnsignedInt(r.getByte());
        if (ordinal >= COLUMN_TYPES.length) {
            throw r.corrupt("unknown column type ordinal " + ordinal + " for column " + columnId);
        }
        ColumnType type = COLUMN_TYPES[ordinal];
        return switch (kind) {
            case KIND_STRINGS -> {
                r.need((long) rows * 4, "values of string column " + columnId);
                String[] values = new String[rows];
                for (int i = 0; i < rows; i++) {
                    values[i] = r.getString();
                }
                yield new ColumnData.Strings(columnId, type, values);
            }
            case KIND_DOUBLES -> {
                r.expectType(columnId, type, ColumnType.FLOAT);
                BitSet valid = r.getBitmap(rows);
                yield new ColumnData.Doubles(columnId, r.getDoubles(rows), valid);
            }
            case KIND_LONGS -> {
                BitSet valid = r.getBitmap(rows);
                yield new ColumnData.Longs(columnId, type, r.getLongs(rows), valid);
            }
            case KIND_BOOLEANS -> {
                r.expectType(columnId, type, ColumnType.BOOLEAN);
                BitSet valid = r.getBitmap(rows);
                yield new ColumnData.Booleans(columnId, r.getBooleans(rows), valid);
            }
            default -> throw r.corrupt("unknown column kind " + kind + " for column " + columnId);
        };
    }

    private static String printable(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = offset; i < offset + length; i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append('\'').toString();
    }

    /** Bounds-checked reads; every failure is a {@link WalCorruptException} naming the offset. */
    private static final class Reader {
        final byte[] buf;
        final String file;
        int pos;

        Reader(byte[] buf, int pos, String file) {
            this.buf = buf;
            this.pos = pos;
            this.file = file;
        }

        WalCorruptException corrupt(String detail) {
            return new WalCorruptException(file, detail + " (at byte " + pos + ")");
        }

        void need(long n, String what) {
            if (n > buf.length - pos) {
                throw corrupt("truncated " + what + ": needs " + n + " bytes, " + (buf.length - pos) + " remain");
            }
        }

        byte getByte() {
            need(1, "byte");
            return buf[pos++];
        }

        int getInt() {
            need(4, "int");
            int v = (int) INT.get(buf, pos);
            pos += 4;
            return v;
        }

        long getLong() {
            need(8, "long");
            long v = (long) LONG.get(buf, pos);
            pos += 8;
            return v;
        }

        /** A count of items each at least {@code minBytes} long, checked against what remains. */
        int getCount(String what, int minBytes) {
            int n = getInt();
            if (n < 0) {
                throw corrupt("negative " + what + " count " + n);
            }
            if ((long) n * minBytes > buf.length - pos) {
                throw corrupt(what + " count " + n + " cannot fit in the " + (buf.length - pos) + " bytes that remain");
            }
            return n;
        }

        String getString() {
            int len = getInt();
            if (len == -1) {
                return null;
            }
            if (len < 0) {
                throw corrupt("negative string length " + len);
            }
            need(len, "string");
            String s = new String(buf, pos, len, UTF_8);
            pos += len;
            return s;
        }

        long[] getLongs(int n) {
            need((long) n * 8, n + " longs");
            long[] out = new long[n];
            ByteBuffer.wrap(buf, pos, n * 8).order(PAYLOAD_ORDER).asLongBuffer().get(out);
            pos += n * 8;
            return out;
        }

        double[] getDoubles(int n) {
            need((long) n * 8, n + " doubles");
            double[] out = new double[n];
            ByteBuffer.wrap(buf, pos, n * 8).order(PAYLOAD_ORDER).asDoubleBuffer().get(out);
            pos += n * 8;
            return out;
        }

        BitSet getBitmap(int rows) {
            int bytes = (rows + 7) >>> 3;
            need(bytes, "validity bitmap");
            checkPadding(rows, "validity bitmap");
            BitSet bits = BitSet.valueOf(ByteBuffer.wrap(buf, pos, bytes));
            pos += bytes;
            return bits;
        }

        boolean[] getBooleans(int rows) {
            int bytes = (rows + 7) >>> 3;
            need(bytes, "boolean values");
            checkPadding(rows, "boolean values");
            boolean[] out = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                out[i] = (buf[pos + (i >>> 3)] & (1 << (i & 7))) != 0;
            }
            pos += bytes;
            return out;
        }

        private void checkPadding(int rows, String what) {
            if ((rows & 7) != 0) {
                int last = buf[pos + ((rows - 1) >>> 3)] & 0xFF;
                if ((last >>> (rows & 7)) != 0) {
                    throw corrupt(what + " has bits set beyond row " + rows);
                }
            }
        }

        void expectType(int columnId, ColumnType actual, ColumnType expected) {
            if (actual != expected) {
                throw corrupt("column " + columnId + " has type " + actual + " but its kind stores " + expected);
            }
        }
    }
}
