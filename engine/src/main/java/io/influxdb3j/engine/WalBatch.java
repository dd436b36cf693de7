package io.influxdb3j.engine;

/**
 * What one WAL flush wrote to one table, as handed to a WAL plugin, where it becomes
 * {@code {"table_name": ..., "rows": [...]}}: either rows built one by one ({@link TableBatchView}, for
 * the test API) or whole columns ({@link ColumnarBatch}, for WAL flushes), which cross into Python as
 * a few primitive arrays (bytes there) and become rows there.
 */
public sealed interface WalBatch permits TableBatchView, ColumnarBatch {
    String tableName();

    int rowCount();
}
