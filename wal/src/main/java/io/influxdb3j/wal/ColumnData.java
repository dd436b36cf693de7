package io.influxdb3j.wal;

import io.influxdb3j.common.ColumnType;
import java.util.BitSet;

/** The values of one column in a {@link TableBatch}. Nulls: a null array entry, or a clear bit in {@code valid}. */
public sealed interface ColumnData permits ColumnData.Strings, ColumnData.Doubles, ColumnData.Longs, ColumnData.Booleans {
    int columnId();

    ColumnType type();

    boolean isNull(int row);

    /** TAG or STRING columns; a null entry is a null value. */
    record Strings(int columnId, ColumnType type, String[] values) implements ColumnData {
        @Override
        public boolean isNull(int row) {
            return values[row] == null;
        }
    }

    /** FLOAT columns. */
    record Doubles(int columnId, double[] values, BitSet valid) implements ColumnData {
        @Override
        public ColumnType type() {
            return ColumnType.FLOAT;
        }

        @Override
        public boolean isNull(int row) {
            return !valid.get(row);
        }
    }

    /** INTEGER or UINTEGER columns (UINTEGER values are unsigned 64-bit in a long). */
    record Longs(int columnId, ColumnType type, long[] values, BitSet valid) implements ColumnData {
        @Override
        public boolean isNull(int row) {
            return !valid.get(row);
        }
    }

    /** BOOLEAN columns. */
    record Booleans(int columnId, boolean[] values, BitSet valid) implements ColumnData {
        @Override
        public ColumnType type() {
            return ColumnType.BOOLEAN;
        }

        @Override
        public boolean isNull(int row) {
            return !valid.get(row);
        }
    }
}
