package io.influxdb3j.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A WAL table batch column by column, in the order plugins see a row's keys (tags, then fields;
 * {@code time} is added last). A row leaves out the columns that are null in it.
 *
 * <p>It crosses into Python as one small list per batch (see {@link #toPython()}): strings
 * dictionary-encoded (distinct values plus int32 indices), numbers as native-order byte buffers, and
 * a validity buffer only for columns that have nulls. {@code engine_runtime.py} turns that into the
 * list of dicts; building rows there is about two orders of magnitude cheaper than converting each
 * value through the C API from Java.
 */
public record ColumnarBatch(String tableName, int rowCount, long[] time, List<Column> columns) implements WalBatch {
    public ColumnarBatch {
        Objects.requireNonNull(tableName, "tableName");
        if (time.length < rowCount) {
            throw new IllegalArgumentException("time has " + time.length + " values for " + rowCount + " rows");
        }
        columns = List.copyOf(columns);
    }

    /** One column; arrays may be longer than the row count. */
    public sealed interface Column permits Strings, Doubles, Longs, Booleans {
        String name();
    }

    /** Tags and string fields; a null entry is an absent value. */
    public record Strings(String name, String[] values) implements Column {
    }

    /** Float fields; {@code valid} null means every row has a value. */
    public record Doubles(String name, double[] values, BitSet valid) implements Column {
    }

    /** Integer fields, or unsigned ones (64 bits in a long) when {@code unsigned}. */
    public record Longs(String name, long[] values, BitSet valid, boolean unsigned) implements Column {
    }

    public record Booleans(String name, boolean[] values, BitSet valid) implements Column {
    }

    /**
     * {@code [table_name, row_count, names, kinds, data, time_bytes]}: {@code kinds} has one letter per
     * column ({@code s} strings, {@code d} float, {@code q} int, {@code Q} uint, {@code b} bool), and
     * {@code data} per column {@code [distinct_values, int32_indices]} for strings (a null is the index
     * of a trailing None) or {@code [values, validity_or_None]} otherwise.
     */
    List<Object> toPython() {
        int n = rowCount;
        List<String> names = new ArrayList<>(columns.size());
        StringBuilder kinds = new StringBuilder(columns.size());
        List<Object> data = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
            switch (c) {
                case Strings s -> {
                    kinds.append('s');
                    data.add(dictionary(s.values(), n));
                }
                case Doubles d -> {
                    kinds.append('d');
                    ByteBuffer buf = buffer(n * 8L);
                    buf.asDoubleBuffer().put(d.values(), 0, n);
                    data.add(Arrays.asList(buf.array(), validity(d.valid(), n)));
                }
                case Longs l -> {
                    kinds.append(l.unsigned() ? 'Q' : 'q');
                    ByteBuffer buf = buffer(n * 8L);
                    buf.asLongBuffer().put(l.values(), 0, n);
                    data.add(Arrays.asList(buf.array(), validity(l.valid(), n)));
                }
                case Booleans b -> {
                    kinds.append('b');
                    byte[] bytes = new byte[n];
                    for (int i = 0; i < n; i++) {
                        bytes[i] = (byte) (b.values()[i] ? 1 : 0);
                    }
                    data.add(Arrays.asList(bytes, validity(b.valid(), n)));
                }
            }
        }
        ByteBuffer timeBuf = buffer(n * 8L);
        timeBuf.asLongBuffer().put(time, 0, n);
        return Arrays.asList(tableName, n, names, kinds.toString(), data, timeBuf.array());
    }

    private static ByteBuffer buffer(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a WAL batch column of " + size + " bytes is too large");
        }
        return ByteBuffer.allocate((int) size).order(ByteOrder.nativeOrder());
    }

    private static Object validity(BitSet valid, int n) {
        if (valid == null || valid.nextClearBit(0) >= n) {
            return null;
        }
        byte[] bytes = new byte[n];
        for (int i = valid.nextSetBit(0); i >= 0 && i < n; i = valid.nextSetBit(i + 1)) {
            bytes[i] = 1;
        }
        return bytes;
    }

    private static List<Object> dictionary(String[] values, int n) {
        Map<String, Integer> codes = new HashMap<>();
        List<String> distinct = new ArrayList<>();
        int[] indices = new int[n];
        int nullCode = -1;
        for (int i = 0; i < n; i++) {
            String v = values[i];
            if (v == null) {
                indices[i] = nullCode; // patched below once the distinct count is known
                continue;
            }
            Integer code = codes.get(v);
            if (code == null) {
                code = distinct.size();
                codes.put(v, code);
                distinct.add(v);
            }
            indices[i] = code;
        }
        boolean hasNull = false;
        for (int i = 0; i < n; i++) {
            if (indices[i] == nullCode) {
                indices[i] = distinct.size();
                hasNull = true;
            }
        }
        List<String> dict = new ArrayList<>(distinct);
        if (hasNull) {
            dict.add(null);
        }
        ByteBuffer buf = buffer(n * 4L);
        buf.asIntBuffer().put(indices, 0, n);
        return Arrays.asList(dict, buf.array());
    }
}
