package io.influxdb3j.storage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What one snapshot left on the object store, written as
 * {@code {node}/snapshots/{(Long.MAX_VALUE - sequence):020}.info.json} so the newest sorts first.
 * Each manifest is complete: it lists every live Parquet file, so start-up reads only the newest
 * one, and replays WAL files after {@code walSequence}.
 */
public record SnapshotManifest(
        @JsonProperty("version") String version,
        @JsonProperty("node_id") String nodeId,
        @JsonProperty("snapshot_sequence_number") long snapshotSequence,
        @JsonProperty("wal_file_sequence_number") long walSequence,
        @JsonProperty("catalog_sequence_number") long catalogSequence,
        @JsonProperty("parquet_size_bytes") long parquetSizeBytes,
        @JsonProperty("row_count") long rowCount,
        @JsonProperty("files") List<PersistedFile> files) {
    public SnapshotManifest {
        files = List.copyOf(files);
    }
}
