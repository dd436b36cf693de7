package io.influxdb3j.storage;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.wal.ColumnData;
import java.util.Arrays;
import java.util.BitSet;

/** Grows one column of a batch row by row; a row never set stays null. */
abstract sealed class ColumnBuilder {
    final int columnId;
    final ColumnType type;

    ColumnBuilder(int columnId, ColumnType type) {
        this.columnId = columnId;
        this.type = type;
    }

    static ColumnBuilder of(int columnId, ColumnType type, int capacity) {
        return switch (type) {
            case TAG, STRING -> new Strings(columnId, type, capacity);
            case FLOAT -> new Doubles(columnId, capacity);
            case INTEGER, UINTEGER -> new Longs(columnId, type, capacity);
            case BOOLEAN -> new Booleans(columnId, capacity);
            case TIME -> throw new IllegalArgumentException("time is not a value column");
        };
    }

    /** The column's values, the builder's own arrays when they are exactly full (a builder is not used after). */
    abstract ColumnData build(int rowCount);

    static long[] trim(long[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    static double[] trim(double[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    static boolean[] trim(boolean[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    static String[] trim(String[] a, int n) {
        return a.length == n ? a : Arrays.copyOf(a, n);
    }

    /** Forgets the value of {@code row} (used when a line turns out to be invalid after some values were set). */
    abstract void clear(int row);

    static final class Strings extends ColumnBuilder {
        private String[] values;

        Strings(int columnId, ColumnType type, int capacity) {
            super(columnId, type);
            values = new String[Math.max(capacity, 8)];
        }

        void set(int row, String v) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
            }
            values[row] = v;
        }

        @Override
        void clear(int row) {
            if (row < values.length) {
                values[row] = null;
            }
        }

        @Override
        ColumnData build(int rowCount) {
            return new ColumnData.Strings(columnId, type, trim(values, rowCount));
        }
    }

    static final class Doubles extends ColumnBuilder {
        private double[] values;
        private final BitSet valid;

        Doubles(int columnId, int capacity) {
            super(columnId, ColumnType.FLOAT);
            values = new double[Math.max(capacity, 8)];
            valid = new BitSet(values.length);
        }

        void set(int row, double v) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
            }
            values[row] = v;
            valid.set(row);
        }

        @Override
        void clear(int row) {
            valid.clear(row);
        }

        @Override
        ColumnData build(int rowCount) {
            return new ColumnData.Doubles(columnId, trim(values, rowCount), valid);
        }
    }

    static final class Longs extends ColumnBuilder {
        private long[] values;
        private final BitSet valid;

        Longs(int columnId, ColumnType type, int capacity) {
            super(columnId, type);
            values = new long[Math.max(capacity, 8)];
            valid = new BitSet(values.length);
        }

        void set(int row, long v) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
            }
            values[row] = v;
            valid.set(row);
        }

        @Override
        void clear(int row) {
            valid.clear(row);
        }

        @Override
        ColumnData build(int rowCount) {
            return new ColumnData.Longs(columnId, type, trim(values, rowCount), valid);
        }
    }

    static final class Booleans extends ColumnBuilder {
        private boolean[] values;
        private final BitSet valid;

        Booleans(int columnId, int capacity) {
            super(columnId, ColumnType.BOOLEAN);
            values = new boolean[Math.max(capacity, 8)];
            valid = new BitSet(values.length);
        }

        void set(int row, boolean v) {
            if (row >= values.length) {
                values = Arrays.copyOf(values, Math.max(row + 1, values.length * 2));
            }
            values[row] = v;
            valid.set(row);
        }

        @Override
        void clear(int row) {
            valid.clear(row);
        }

        @Override
        ColumnData build(int rowCount) {
            return new ColumnData.Booleans(columnId, trim(values, rowCount), valid);
        }
    }
}
