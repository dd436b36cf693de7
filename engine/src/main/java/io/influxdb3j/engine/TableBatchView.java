package io.influxdb3j.engine;

import java.util.List;
import java.util.Objects;

/**
 * The rows one WAL flush wrote to one table, as a plugin receives them: it becomes the dict
 * {@code {"table_name": tableName, "rows": [...]}} in {@code table_batches}.
 */
public record TableBatchView(String tableName, List<WalRow> rows) implements WalBatch {
    public TableBatchView {
        Objects.requireNonNull(tableName, "tableName");
        rows = List.copyOf(rows);
    }

    @Override
    public int rowCount() {
        return rows.size();
    }
}
