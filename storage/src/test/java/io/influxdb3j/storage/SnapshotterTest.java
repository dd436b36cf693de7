package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.catalog.CatalogLimits;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.objectstore.ObjectStore;
import io.influxdb3j.wal.ObjectStoreWal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotterTest {
    @TempDir
    Path dir;

    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
    private TestingStorage s;

    @AfterEach
    void close() {
        if (s != null) {
            s.close();
        }
    }

    /** Two tables, three series, rows in three gen1 chunks (10m), written out of order over four WAL files. */
    private void writeSample() {
        s.writeOk("db", """
                cpu,host=b,region=eu usage=2 1710084600000000000
                cpu,host=a,region=us usage=1 1710084660000000000
                cpu,host=a usage=5 1710085500000000000
                """);
        s.writeOk("db", """
                cpu,region=eu,host=a usage=3 1710084599000000000
                cpu,host=b,region=eu usage=4 1710084000000000000
                mem free=1i 1710084600000000000
                """);
        s.writeOk("db", "cpu,host=a,region=us usage=6 1710084630000000000\ncpu,host=a,region=us usage=7 1710084620000000000");
        s.writeOk("db", "cpu,host=c,region=eu usage=8 1710084605000000000");
    }

    @Test
    void snapshotWritesSortedParquetFilesWhereTheManifestSays() throws Exception {
        s = new TestingStorage(dir, time);
        writeSample();
        List<List<Object>> before = s.rows("db", "cpu");
        List<PersistedFile> written = s.storage.forceSnapshot();

        SnapshotManifest manifest = Snapshotter.latestManifest(s.store, TestingStorage.NODE).orElseThrow();
        assertThat(manifest.files()).containsExactlyInAnyOrderElementsOf(written);
        assertThat(manifest.walSequence()).isEqualTo(4);
        assertThat(manifest.snapshotSequence()).isEqualTo(1);
        assertThat(manifest.nodeId()).isEqualTo("node1");
        assertThat(manifest.rowCount()).isEqualTo(9).isEqualTo(written.stream().mapToLong(PersistedFile::rowCount).sum());
        assertThat(manifest.catalogSequence()).isEqualTo(s.catalog.snapshot().sequence());

        int dbId = s.db("db").id();
        TableSchema cpu = s.table("db", "cpu");
        // chunks 15:20, 15:30 and 15:40 UTC for cpu (whatever the JVM's zone), 15:30 for mem
        assertThat(written).extracting(PersistedFile::path).containsExactlyInAnyOrder(
                "node1/dbs/" + dbId + "/" + cpu.id() + "/2024-03-10/15-20/0000000004.parquet",
                "node1/dbs/" + dbId + "/" + cpu.id() + "/2024-03-10/15-30/0000000004.parquet",
                "node1/dbs/" + dbId + "/" + cpu.id() + "/2024-03-10/15-40/0000000004.parquet",
                "node1/dbs/" + dbId + "/" + s.table("db", "mem").id() + "/2024-03-10/15-30/0000000004.parquet");
        List<String> onDisk = s.store.list("node1/dbs/").stream().map(ObjectStore.ObjectMeta::path).toList();
        assertThat(onDisk).containsExactlyInAnyOrderElementsOf(written.stream().map(PersistedFile::path).toList());

        try (Connection fresh = DriverManager.getConnection("jdbc:duckdb:")) {
            for (PersistedFile f : written) {
                Path file = dir.resolve(f.path());
                assertThat(file).isRegularFile();
                assertThat(Files.size(file)).isEqualTo(f.sizeBytes());
                String source = "read_parquet('" + file.toAbsolutePath() + "')";
                Map<String, String> types = new HashMap<>();
                try (Statement st = fresh.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
                    while (rs.next()) {
                        types.put(rs.getString("column_name"), rs.getString("column_type"));
                    }
                }
                assertThat(types).containsEntry("time", "TIMESTAMP_NS");
                assertThat(types.keySet()).containsExactlyInAnyOrderElementsOf(f.columns());
                long rows = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                try (Statement st = fresh.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*), min(epoch_ns(time)), max(epoch_ns(time)) FROM " + source)) {
                    rs.next();
                    rows = rs.getLong(1);
                    min = rs.getLong(2);
                    max = rs.getLong(3);
                }
                assertThat(rows).isEqualTo(f.rowCount());
                assertThat(min).isEqualTo(f.minTime()).isGreaterThanOrEqualTo(f.chunkTime());
                assertThat(max).isEqualTo(f.maxTime()).isLessThan(f.chunkTime() + TestingStorage.GEN1);
            }
            // cpu files: rows in series-key order (host, region: first appearance), then time
            for (PersistedFile f : written) {
                if (f.tableId() != cpu.id()) {
                    continue;
                }
                List<String[]> keys = new ArrayList<>();
                try (Statement st = fresh.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT host, region, epoch_ns(time) FROM read_parquet('" + dir.resolve(f.path()).toAbsolutePath() + "')")) {
                    while (rs.next()) {
                        keys.add(new String[]{rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))});
                    }
                }
                Comparator<String> nullsLast = Comparator.nullsLast(Comparator.naturalOrder());
                Comparator<String[]> seriesThenTime = Comparator.<String[], String>comparing(k -> k[0], nullsLast)
                        .thenComparing(k -> k[1], nullsLast).thenComparingLong(k -> Long.parseLong(k[2]));
                List<String[]> sorted = new ArrayList<>(keys);
                sorted.sort(seriesThenTime);
                assertThat(keys).as("rows of %s", f.path()).containsExactlyElementsOf(sorted);
            }
        }
        assertThat(cpu.seriesKeyColumns()).extracting(ColumnDef::name).containsExactly("host", "region");
        assertThat(s.rows("db", "cpu")).isEqualTo(before);
        assertThat(s.storage.buffer().table(dbId, cpu.id()).rowCount).as("buffer emptied").isZero();
    }

    @Test
    void coveredWalFilesAreDeletedWhenNoneAreKept() {
        s = new TestingStorage(dir, time);
        writeSample();
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).containsExactly(1L, 2L, 3L, 4L);
        s.storage.forceSnapshot();
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).isEmpty();
        s.writeOk("db", "cpu,host=z usage=1 1710084600000000000");
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).containsExactly(5L);
    }

    @Test
    void theConfiguredNumberOfCoveredWalFilesIsKept() {
        s = new TestingStorage(dir, time, CatalogLimits.DEFAULT, 2);
        writeSample();
        s.storage.forceSnapshot();
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).containsExactly(3L, 4L);
    }

    @Test
    void onlyTheNewestManifestIsKeptAndItListsEveryLiveFile() {
        s = new TestingStorage(dir, time);
        s.writeOk("db", "m v=1 1710084600000000000");
        List<PersistedFile> first = s.storage.forceSnapshot();
        s.writeOk("db", "m v=2 1710084700000000000\nn v=1 1710084700000000000");
        List<PersistedFile> second = s.storage.forceSnapshot();
        List<String> manifests = s.store.list("node1/snapshots/").stream().map(ObjectStore.ObjectMeta::path).toList();
        assertThat(manifests).containsExactly("node1/snapshots/" + String.format("%020d", Long.MAX_VALUE - 2) + ".info.json");
        SnapshotManifest m = Snapshotter.latestManifest(s.store, TestingStorage.NODE).orElseThrow();
        List<PersistedFile> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(m.files()).containsExactlyInAnyOrderElementsOf(all);
        assertThat(m.snapshotSequence()).isEqualTo(2);
        assertThat(m.walSequence()).isEqualTo(2);
        assertThat(second).allSatisfy(f -> assertThat(f.path()).endsWith("/0000000002.parquet"));
    }

    @Test
    void snapshotOfAnEmptyBufferWritesNothing() {
        s = new TestingStorage(dir, time);
        assertThat(s.storage.forceSnapshot()).isEmpty();
        assertThat(s.store.list("node1/snapshots/")).isEmpty();
        assertThat(s.store.list("node1/dbs/")).isEmpty();
    }

    @Test
    void negativeAndPreEpochTimesPersistInTheirUtcChunk() throws Exception {
        s = new TestingStorage(dir, time);
        s.writeOk("db", "m v=1 -1\nm v=2 -600000000001");
        List<PersistedFile> files = s.storage.forceSnapshot();
        assertThat(files).extracting(PersistedFile::path).allSatisfy(p -> assertThat(p).contains("/1969-12-31/"));
        assertThat(files).extracting(PersistedFile::chunkTime).containsExactlyInAnyOrder(-600_000_000_000L, -1_200_000_000_000L);
        DateTimeFormatter hm = DateTimeFormatter.ofPattern("HH-mm").withZone(ZoneOffset.UTC);
        for (PersistedFile f : files) {
            assertThat(f.path()).contains("/" + hm.format(Instant.ofEpochSecond(f.chunkTime() / 1_000_000_000L)) + "/");
        }
        assertThat(s.rows("db", "m")).containsExactly(TestingStorage.row(-600_000_000_001L, 2.0), TestingStorage.row(-1L, 1.0));
        assertThat(files.stream().map(PersistedFile::rowCount).filter(Objects::nonNull).mapToLong(Long::longValue).sum()).isEqualTo(2);
    }
}
