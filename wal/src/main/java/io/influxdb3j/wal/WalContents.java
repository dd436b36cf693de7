package io.influxdb3j.wal;

import java.util.List;

/** What one WAL file holds: its sequence number, when it was written, the time range of its rows, and its operations. */
public record WalContents(long sequence, long persistTimestampMillis, long minTimeNanos, long maxTimeNanos, List<WalOp> ops) {
}
