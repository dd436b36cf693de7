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

    abstract ColumnData build(int rowCount);

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
            return new ColumnData.Strings(columnId, type, Arrays.copyOf(values, rowCount));
        }
    }

    static final class Doubles extends ColumnBuilder {
        private double[] values;
        private final BitSet valid = new BitSet();

        Doubles(int columnId, int capacity) {
            super(columnId, ColumnType.FLOAT);
            values = new double[Math.max(capacity, 8)];
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
            return new ColumnData.Doubles(columnId, Arrays.copyOf(values, rowCount), valid.get(0, rowCount));
        }
    }

    static final class Longs extends ColumnBuilder {
        private long[] values;
        private final BitSet valid = new BitSet();

        Longs(int columnId, ColumnType type, int capacity) {
            super(columnId, type);
            values = new long[Math.max(capacity, 8)];
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
            return new ColumnData.Longs(columnId, type, Arrays.copyOf(values, rowCount), valid.get(0, rowCount));
        }
    }

    static final class Booleans extends ColumnBuilder {
        private boolean[] values;
        private final BitSet valid = new BitSet();

        Booleans(int columnId, int capacity) {
            super(columnId, ColumnType.BOOLEAN);
            values = new boolean[Math.max(capacity, 8)];
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
            return new ColumnData.Booleans(columnId, Arrays.copyOf(values, rowCount), valid.get(0, rowCount));
        }
    }
}
