package io.influxdb3j.storage;

import static io.influxdb3j.storage.TestingStorage.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.catalog.CatalogLimits;
import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.wal.ObjectStoreWal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Close a Storage and open a new one (and a reloaded Catalog) over the same FileObjectStore. */
class StorageRecoveryTest {
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

    private static final List<List<Object>> ALL = List.of(
            row("a", 1L, 1.0, null), row("a", 2L, 2.0, 20L), row("b", 3L, 3.0, null), row("c", 4L, 4.0, null));

    private void writeInThreeWalFiles() {
        s.writeOk("db", "m,t=a v=1 1");
        s.writeOk("db", "m,t=a v=2,w=20i 2\nm,t=b v=3 3");
        s.writeOk("db", "m,t=c v=4 4");
    }

    @Test
    void bufferedRowsComeBackFromWalReplayExactlyOnce() {
        s = new TestingStorage(dir, time);
        writeInThreeWalFiles();
        assertThat(s.rows("db", "m")).isEqualTo(ALL);
        CatalogSnapshot catalogBefore = s.catalog.snapshot();

        s.reopen();
        assertThat(s.catalog.snapshot()).isEqualTo(catalogBefore);
        assertThat(s.rows("db", "m")).isEqualTo(ALL);
        assertThat(s.storage.buffer().table(s.db("db").id(), s.table("db", "m").id()).rowCount).isEqualTo(4);

        s.reopen();
        assertThat(s.rows("db", "m")).isEqualTo(ALL);
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).isEqualTo(ALL);
        s.reopen();
        assertThat(s.rows("db", "m")).isEqualTo(ALL);
    }

    @Test
    void writesAfterWalReplayAreApplied() {
        s = new TestingStorage(dir, time);
        writeInThreeWalFiles();
        s.reopen();
        // the first flush after the restart appends to the table the replay appended to
        s.writeOk("db", "m,t=d v=5 5");
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(s.rows("db", "m")).hasSize(5).containsAll(ALL).contains(row("d", 5L, 5.0, null));
    }

    @Test
    void snapshottedRowsComeFromParquetAndTheRestFromTheWal() {
        s = new TestingStorage(dir, time);
        writeInThreeWalFiles();
        s.storage.forceSnapshot();
        s.writeOk("db", "m,t=d v=5 5\nm,t=a v=9 1");
        List<List<Object>> expected = List.of(
                row("a", 1L, 9.0, null), row("a", 2L, 2.0, 20L), row("b", 3L, 3.0, null), row("c", 4L, 4.0, null),
                row("d", 5L, 5.0, null));
        assertThat(s.rows("db", "m")).isEqualTo(expected);

        s.reopen();
        assertThat(s.storage.buffer().allFiles()).hasSize(1);
        assertThat(s.storage.buffer().table(s.db("db").id(), s.table("db", "m").id()).rowCount)
                .as("only the WAL file after the snapshot is replayed").isEqualTo(2);
        assertThat(s.rows("db", "m")).isEqualTo(expected);

        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).isEqualTo(expected);
        s.reopen();
        assertThat(s.rows("db", "m")).isEqualTo(expected);
        assertThat(s.storage.buffer().allFiles()).hasSize(2);
    }

    @Test
    void keptWalFilesAreNotReplayedAgain() {
        s = new TestingStorage(dir, time, CatalogLimits.DEFAULT, 100);
        writeInThreeWalFiles();
        s.storage.forceSnapshot();
        assertThat(ObjectStoreWal.walSequences(s.store, TestingStorage.NODE)).containsExactly(1L, 2L, 3L);
        s.writeOk("db", "m,t=d v=5 5");
        s.reopen();
        assertThat(s.rows("db", "m")).hasSize(5).containsAll(ALL).contains(row("d", 5L, 5.0, null));
    }

    @Test
    void dedupAgainstParquetStillWorksAfterRestart() {
        s = new TestingStorage(dir, time);
        s.writeOk("db", "m,t=a v=1,w=1i 100");
        s.storage.forceSnapshot();
        s.reopen();
        s.writeOk("db", "m,t=a v=2 100");
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1L));
        s.reopen();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1L));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("a", 100L, 2.0, 1L));
    }

    @Test
    void schemaGrowthAfterSnapshotReadsBackWithNullsInOlderFiles() {
        s = new TestingStorage(dir, time);
        s.writeOk("db", "m,t=a v=1 1");
        s.storage.forceSnapshot();
        s.writeOk("db", "m,t=a,u=x v=2,s=\"new\" 2");
        s.reopen();
        // columns: s, t, time, u, v
        assertThat(s.rows("db", "m")).containsExactly(row("new", "a", 2L, "x", 2.0), row(null, "a", 1L, null, 1.0));
        s.storage.forceSnapshot();
        assertThat(s.rows("db", "m")).containsExactly(row("new", "a", 2L, "x", 2.0), row(null, "a", 1L, null, 1.0));
    }
}
