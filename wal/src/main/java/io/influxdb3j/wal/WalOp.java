package io.influxdb3j.wal;

import java.util.List;

/** One operation recorded in a WAL file. New kinds of operation are added here, and the build shows every place that must handle them. */
public sealed interface WalOp permits WalOp.Write, WalOp.Noop {

    /** Rows for one database, already validated against the catalog (column ids refer to it). */
    record Write(int dbId, String dbName, List<TableBatch> tables, long minTimeNanos, long maxTimeNanos) implements WalOp {
        public int rowCount() {
            int n = 0;
            for (TableBatch t : tables) {
                n += t.rowCount();
            }
            return n;
        }
    }

    /** Written when a flush has nothing else to record (keeps sequence numbers dense). */
    record Noop() implements WalOp {
    }
}
