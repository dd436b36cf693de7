package io.influxdb3j.wal;

import java.util.List;

/**
 * Rows for one table in columnar form: {@code time[i]} and each column's i-th value make row i.
 * A column absent from a row is null there. Arrays are exactly {@code rowCount} long.
 */
public record TableBatch(int tableId, String tableName, int rowCount, long[] time, List<ColumnData> columns) {
}
