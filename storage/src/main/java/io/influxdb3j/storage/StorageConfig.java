package io.influxdb3j.storage;

import java.time.Duration;

/**
 * Settings of the storage layer, taken from {@code serve} flags.
 *
 * @param walSnapshotSize          a snapshot is taken once 1.5 × this many WAL files are un-snapshotted
 * @param snapshottedWalFilesToKeep WAL files already covered by a snapshot that are kept anyway
 * @param forceSnapshotBytes       buffer size estimate that forces a snapshot
 */
public record StorageConfig(String nodeId, long gen1DurationNanos, Duration walFlushInterval, int walMaxWriteBufferSize,
                            int walSnapshotSize, int snapshottedWalFilesToKeep, long forceSnapshotBytes,
                            boolean walReplayFailOnError, int queryFileLimit) {
}
