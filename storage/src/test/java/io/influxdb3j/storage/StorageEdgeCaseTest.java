package io.influxdb3j.storage;

import static io.influxdb3j.storage.TestingStorage.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.common.ColumnType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageEdgeCaseTest {
    @TempDir
    Path dir;

    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
    private TestingStorage s;

    @BeforeEach
    void open() {
        s = new TestingStorage(dir, time);
    }

    @AfterEach
    void close() {
        s.close();
    }

    @Test
    void tableWithoutRowsReadsAsEmptyWithItsColumns() {
        s.catalog.createDatabase("db", null);
        s.catalog.createTable("db", "t", List.of("b", "a"), List.of(new ColumnDef(0, "f", ColumnType.UINTEGER)));
        assertThat(s.columnNames("db", "t")).containsExactly("a", "b", "f", "time");
        assertThat(s.rows("db", "t")).isEmpty();
    }

    @Test
    void columnNamesWithQuotesSpacesAndUnicode() {
        s.writeOk("db", "m,tag\\ with\\ space=x,\"q\"=y fi\"eld=1,日本=2i,a\\,b=\"c\" 1");
        assertThat(s.columnNames("db", "m")).containsExactly("\"q\"", "a,b", "fi\"eld", "tag with space", "time", "日本");
        assertThat(s.rows("db", "m")).containsExactly(row("y", "c", 1.0, "x", 1L, 2L));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("y", "c", 1.0, "x", 1L, 2L));
    }

    @Test
    void columnNamesDifferingOnlyInCase() {
        s.writeOk("db", "m,host=a,Host=b v=1,V=2 1");
        // Writes, restarts and snapshots work; but DuckDB names are case-insensitive, so in a result
        // the second of two names differing only in case gets a suffix (docs/compatibility.md).
        assertThat(s.columnNames("db", "m")).containsExactly("Host", "V", "host_1", "time", "v_1");
        assertThat(s.rows("db", "m")).containsExactly(row("b", 2.0, "a", 1L, 1.0));
        // today the failed WAL file is replayed at start-up and Storage.open throws the same error
        s.reopen();
        assertThat(s.rows("db", "m")).containsExactly(row("b", 2.0, "a", 1L, 1.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("b", 2.0, "a", 1L, 1.0));
    }

    @Test
    void aSeriesStaysOneSeriesWhenTagColumnsAreAddedAndAfterASnapshot() {
        s.writeOk("db", "m,a=1 v=1 100");
        s.writeOk("db", "m,a=1,b=2 v=2 200");
        // repeats the first row's series and time: the later write wins
        s.writeOk("db", "m,a=1 v=3 100");
        assertThat(s.rows("db", "m")).containsExactlyInAnyOrder(row("1", null, 100L, 3.0), row("1", "2", 200L, 2.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactlyInAnyOrder(row("1", null, 100L, 3.0), row("1", "2", 200L, 2.0));
        // the buffer's series were dropped with its rows; new rows still merge with persisted ones
        s.writeOk("db", "m,a=1,b=2 v=4 200\nm,b=9 v=5 300");
        assertThat(s.rows("db", "m")).containsExactlyInAnyOrder(row("1", null, 100L, 3.0), row("1", "2", 200L, 4.0),
                row(null, "9", 300L, 5.0));
        s.reopen();
        assertThat(s.rows("db", "m")).containsExactlyInAnyOrder(row("1", null, 100L, 3.0), row("1", "2", 200L, 4.0),
                row(null, "9", 300L, 5.0));
    }

    @Test
    void columnNamedLikeTheInternalSequence() {
        s.writeOk("db", "m __seq=1,v=1 1");
        s.writeOk("db", "m __seq=3 1");
        assertThat(s.columnNames("db", "m")).containsExactly("__seq", "time", "v");
        assertThat(s.rows("db", "m")).containsExactly(row(3.0, 1L, 1.0));
    }

    @Test
    void columnNamedLikeTheDedupOrder() {
        s.writeOk("db", "m,__ord=o v=1 1");
        s.writeOk("db", "m,__ord=o v=3 1");
        assertThat(s.rows("db", "m")).containsExactly(row("o", 1L, 3.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("o", 1L, 3.0));
    }

    @Test
    void timesNearTheUpperLimitSurviveASnapshot() {
        long late = 9_223_371_700_000_000_000L;
        s.writeOk("db", "m v=1 " + late + "\nm v=2 1");
        assertThat(s.rows("db", "m")).containsExactly(row(1L, 2.0), row(late, 1.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row(1L, 2.0), row(late, 1.0));
    }

    @Test
    void timesNearTheLowerLimitSurviveASnapshot() {
        long early = -9_223_372_036_000_000_000L;
        // the first row's gen1 chunk starts at Long.MIN_VALUE, which the buffer once took for "no chunk yet"
        s.writeOk("db", "m v=1 " + early + "\nm v=2 1\nm v=3 " + Long.MIN_VALUE);
        assertThat(s.rows("db", "m")).containsExactly(row(Long.MIN_VALUE, 3.0), row(early, 1.0), row(1L, 2.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row(Long.MIN_VALUE, 3.0), row(early, 1.0), row(1L, 2.0));
        s.reopen();
        assertThat(s.rows("db", "m")).containsExactly(row(Long.MIN_VALUE, 3.0), row(early, 1.0), row(1L, 2.0));
    }

    @Test
    void walFilesWrittenEarlyUnderLoadDoNotMakeSnapshotsComeSoonerThanCoresFlushIntervalsWould() throws Exception {
        // 3 WAL files make a snapshot due, and Core writes them in 3 x 300 ms; big writes flush early
        reopenSnapshottingAfterThreeFiles(java.time.Duration.ofMillis(300));
        int rows = (int) Storage.EARLY_FLUSH_ROWS;
        long first = 0;
        for (int round = 0; round < 2; round++) {
            for (int file = 0; file < 3; file++) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < rows; i++) {
                    body.append("m,r=").append(round).append(" v=").append(i).append(' ')
                            .append((round * 3L + file) * rows + i).append('\n');
                }
                s.writeOk("db", body.toString());
            }
            int expected = round + 1;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (snapshotsTaken() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(snapshotsTaken()).as("snapshot %d", expected).isEqualTo(expected);
            if (round == 0) {
                first = System.nanoTime();
            } else {
                assertThat(System.nanoTime() - first).as("the second snapshot waited for 3 flush intervals")
                        .isGreaterThanOrEqualTo(800_000_000L);
            }
        }
        assertThat(s.rows("db", "m")).hasSize(6 * rows);
    }

    /** Reopens the storage with a WAL flush interval and a snapshot due after 1.5 x 2 = 3 WAL files. */
    private void reopenSnapshottingAfterThreeFiles(java.time.Duration walFlushInterval) {
        s.close();
        StorageConfig config = new StorageConfig(TestingStorage.NODE, TestingStorage.GEN1, walFlushInterval,
                10_000, 2, 0, Long.MAX_VALUE, true, 432);
        s.store = new io.influxdb3j.objectstore.FileObjectStore(dir);
        s.catalog = io.influxdb3j.catalog.Catalog.loadOrCreate(s.store, TestingStorage.NODE,
                io.influxdb3j.catalog.CatalogLimits.DEFAULT, TestingStorage.GEN1, time);
        s.storage = Storage.open(s.store, s.catalog, config, time);
    }

    /** Snapshots so far: each writes its files under its own WAL sequence. */
    private long snapshotsTaken() {
        return s.storage.buffer().allFiles().stream().map(PersistedFile::walSequence).distinct().count();
    }

    @Test
    void autoSnapshotAfterEnoughWalFiles() throws Exception {
        reopenSnapshottingAfterThreeFiles(java.time.Duration.ofMillis(5));
        for (int i = 0; i < 3; i++) {
            s.writeOk("db", "m v=" + i + " " + i);
        }
        // deleting the covered WAL files is the snapshot's last step
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!io.influxdb3j.wal.ObjectStoreWal.walSequences(s.store, TestingStorage.NODE).isEmpty()
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(s.storage.buffer().allFiles()).as("a snapshot after ceil(1.5 * 2) = 3 WAL files").isNotEmpty();
        assertThat(io.influxdb3j.wal.ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).isEmpty();
        assertThat(s.rows("db", "m")).containsExactly(row(0L, 0.0), row(1L, 1.0), row(2L, 2.0));
    }

    @Test
    void closeWaitsForARunningSnapshot() throws Exception {
        s.close();
        TestingBlockingObjectStore store = new TestingBlockingObjectStore(new io.influxdb3j.objectstore.FileObjectStore(dir),
                p -> p.contains("/snapshots/"));
        s.catalog = io.influxdb3j.catalog.Catalog.loadOrCreate(store, TestingStorage.NODE,
                io.influxdb3j.catalog.CatalogLimits.DEFAULT, TestingStorage.GEN1, time);
        StorageConfig small = new StorageConfig(TestingStorage.NODE, TestingStorage.GEN1, java.time.Duration.ofMillis(5),
                10_000, 1, 0, Long.MAX_VALUE, true, 432);
        s.storage = Storage.open(store, s.catalog, small, time);
        s.writeOk("db", "m v=1 1");
        s.writeOk("db", "m v=2 2");
        assertThat(store.awaitBlocked(10)).as("the background snapshot reached its manifest").isTrue();

        Thread closer = new Thread(s.storage::close);
        closer.start();
        closer.join(500);
        boolean returnedDuringSnapshot = !closer.isAlive();
        store.release();
        closer.join(10_000);
        // with the bug, the interrupted snapshot now fails writing its manifest (ClosedByInterruptException)
        assertThat(store.awaitFinished(10)).isTrue();
        Thread.sleep(100);
        // reopen for @AfterEach
        s.store = new io.influxdb3j.objectstore.FileObjectStore(dir);
        s.catalog = io.influxdb3j.catalog.Catalog.loadOrCreate(s.store, TestingStorage.NODE,
                io.influxdb3j.catalog.CatalogLimits.DEFAULT, TestingStorage.GEN1, time);
        s.storage = Storage.open(s.store, s.catalog, TestingStorage.config(0), time);
        assertThat(returnedDuringSnapshot).as("close() returned while the snapshot was still running").isFalse();
    }

    @Test
    void preEpochRowWrittenDuringASnapshotSurvivesTheNextOne() throws Exception {
        s.close();
        TestingBlockingObjectStore store = new TestingBlockingObjectStore(new io.influxdb3j.objectstore.FileObjectStore(dir),
                p -> p.endsWith(".parquet"));
        s.store = null;
        s.catalog = io.influxdb3j.catalog.Catalog.loadOrCreate(store, TestingStorage.NODE,
                io.influxdb3j.catalog.CatalogLimits.DEFAULT, TestingStorage.GEN1, time);
        s.storage = Storage.open(store, s.catalog, TestingStorage.config(0), time);
        s.writeOk("db", "m v=1 1");
        java.util.concurrent.CompletableFuture<List<PersistedFile>> first =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> s.storage.forceSnapshot());
        assertThat(store.awaitBlocked(10)).as("the snapshot is writing its Parquet file").isTrue();
        // this row lands in the buffer while the snapshot runs, so it stays buffered after it
        s.writeOk("db", "m v=2 -1");
        store.release();
        first.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(s.rows("db", "m")).containsExactly(row(-1L, 2.0), row(1L, 1.0));

        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row(-1L, 2.0), row(1L, 1.0));
    }
}
