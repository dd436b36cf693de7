package io.influxdb3j.engine;

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
 * dictionary-encoded (distinct values plus int32 indices), numbers as their primitive arrays (bytes
 * in native order on the Python side), and
 * for sparse batches each row's presence pattern. {@code engine_runtime.py} turns each column into an
 * iterator over its values in one C-level step and zips them into row dicts in one generated loop;
 * building rows there is about two orders of magnitude cheaper than converting each value through
 * the C API from Java.
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

    /** At most this many distinct presence patterns get a row maker each in Python. */
    static final int MAX_PATTERNS = 256;

    /**
     * {@code [table_name, row_count, names, kinds, data, time_bytes, patterns, pattern_ids]}: {@code kinds}
     * has one letter per column ({@code s} strings, {@code d} float, {@code q} int, {@code Q} uint,
     * {@code b} bool), and {@code data} per column {@code [distinct_values, int32_indices]} for strings
     * (a null is the index of a trailing None) or {@code [values, validity_or_None]} otherwise. Columns
     * without a value in any row are left out.
     *
     * <p>When some columns have nulls, each row's presence pattern (which of those columns it has) is
     * numbered: {@code patterns} lists, per pattern, the indices of the columns present, and
     * {@code pattern_ids} is the int32 pattern of each row; Python then generates one row maker per
     * pattern and ignores the values of absent columns, so no validity is sent. With more than
     * {@link #MAX_PATTERNS} patterns (or more than 64 columns with nulls) both are None and the
     * validity buffers mark the missing values instead. Both are None too when no column has a null.
     */
    List<Object> toPython() {
        int n = rowCount;
        List<Column> kept = new ArrayList<>(columns.size());
        List<Integer> sparse = new ArrayList<>();
        for (Column c : columns) {
            switch (presence(c, n)) {
                case NONE -> { }
                case ALL -> kept.add(c);
                case SOME -> {
                    sparse.add(kept.size());
                    kept.add(c);
                }
            }
        }
        Patterns patterns = sparse.isEmpty() ? null : patterns(kept, sparse, n);
        boolean sendValidity = !sparse.isEmpty() && patterns == null;

        List<String> names = new ArrayList<>(kept.size());
        StringBuilder kinds = new StringBuilder(kept.size());
        List<Object> data = new ArrayList<>(kept.size());
        for (Column c : kept) {
            names.add(c.name());
            switch (c) {
                case Strings s -> {
                    kinds.append('s');
                    data.add(dictionary(s.values(), n));
                }
                case Doubles d -> {
                    kinds.append('d');
                    data.add(Arrays.asList(first(d.values(), n), sendValidity ? validity(d.valid(), n) : null));
                }
                case Longs l -> {
                    kinds.append(l.unsigned() ? 'Q' : 'q');
                    data.add(Arrays.asList(first(l.values(), n), sendValidity ? validity(l.valid(), n) : null));
                }
                case Booleans b -> {
                    kinds.append('b');
                    byte[] bytes = new byte[n];
                    boolean[] values = b.values();
                    for (int i = 0; i < n; i++) {
                        bytes[i] = (byte) (values[i] ? 1 : 0);
                    }
                    data.add(Arrays.asList(bytes, sendValidity ? validity(b.valid(), n) : null));
                }
            }
        }
        return Arrays.asList(tableName, n, names, kinds.toString(), data, first(time, n),
                patterns == null ? null : patterns.present(), patterns == null ? null : patterns.ids());
    }

    private enum Presence { ALL, SOME, NONE }

    private static Presence presence(Column c, int n) {
        if (c instanceof Strings s) {
            int present = 0;
            String[] values = s.values();
            for (int i = 0; i < n; i++) {
                if (values[i] != null) {
                    present++;
                }
            }
            return present == n ? Presence.ALL : present == 0 ? Presence.NONE : Presence.SOME;
        }
        BitSet valid = switch (c) {
            case Doubles d -> d.valid();
            case Longs l -> l.valid();
            case Booleans b -> b.valid();
            case Strings s -> throw new AssertionError();
        };
        if (valid == null || valid.nextClearBit(0) >= n) {
            return Presence.ALL;
        }
        int first = valid.nextSetBit(0);
        return first < 0 || first >= n ? Presence.NONE : Presence.SOME;
    }

    private static boolean present(Column c, int row) {
        return switch (c) {
            case Strings s -> s.values()[row] != null;
            case Doubles d -> d.valid().get(row);
            case Longs l -> l.valid().get(row);
            case Booleans b -> b.valid().get(row);
        };
    }

    /** {@code present}: per pattern, the indices of its columns; {@code ids}: int32 pattern per row. */
    private record Patterns(List<List<Integer>> present, int[] ids) {
    }

    /** The rows' presence patterns over the {@code sparse} columns, or null when there are too many. */
    private static Patterns patterns(List<Column> kept, List<Integer> sparse, int n) {
        if (sparse.size() > 64) {
            return null;
        }
        long[] masks = new long[n];
        for (int j = 0; j < sparse.size(); j++) {
            Column c = kept.get(sparse.get(j));
            long bit = 1L << j;
            for (int r = 0; r < n; r++) {
                if (present(c, r)) {
                    masks[r] |= bit;
                }
            }
        }
        Map<Long, Integer> numbers = new HashMap<>();
        List<Long> distinct = new ArrayList<>();
        int[] ids = new int[n];
        long previousMask = 0;
        int previousId = -1;
        for (int r = 0; r < n; r++) {
            long mask = masks[r];
            if (previousId < 0 || mask != previousMask) {
                Integer id = numbers.get(mask);
                if (id == null) {
                    if (distinct.size() == MAX_PATTERNS) {
                        return null;
                    }
                    id = distinct.size();
                    numbers.put(mask, id);
                    distinct.add(mask);
                }
                previousMask = mask;
                previousId = id;
            }
            ids[r] = previousId;
        }
        List<List<Integer>> present = new ArrayList<>(distinct.size());
        for (long mask : distinct) {
            List<Integer> columns = new ArrayList<>();
            for (int k = 0, j = 0; k < kept.size(); k++) {
                boolean isSparse = j < sparse.size() && sparse.get(j) == k;
                if (!isSparse || (mask & (1L << j)) != 0) {
                    columns.add(k);
                }
                if (isSparse) {
                    j++;
                }
            }
            present.add(columns);
        }
        return new Patterns(present, ids);
    }

    // Primitive arrays cross as bytes in native order (see Conversions), copied once into Python; a
    // column's array may be longer than the batch.
    private static double[] first(double[] values, int n) {
        return values.length == n ? values : Arrays.copyOf(values, n);
    }

    private static long[] first(long[] values, int n) {
        return values.length == n ? values : Arrays.copyOf(values, n);
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
        return Arrays.asList(dict, indices);
    }
}
