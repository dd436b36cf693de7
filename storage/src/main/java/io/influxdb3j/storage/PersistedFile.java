package io.influxdb3j.storage;

import java.util.List;

/** A Parquet file on the object store holding sorted rows of one table for one gen1 chunk. */
public record PersistedFile(int dbId, int tableId, String path, long sizeBytes, long rowCount, long chunkTime,
                            long minTime, long maxTime, long walSequence, List<String> columns) {
    public PersistedFile {
        columns = List.copyOf(columns);
    }
}
