package io.influxdb3j.storage;

import static io.influxdb3j.storage.TestingStorage.row;
import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.objectstore.ObjectStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardDeleteTest {
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

    private List<String> parquetPaths() {
        return s.store.list("node1/dbs/").stream().map(ObjectStore.ObjectMeta::path).toList();
    }

    @Test
    void hardDeletingATableRemovesItsFilesAndBufferedRowsOnly() {
        s.writeOk("db", "gone v=1 1\nkept v=1 1");
        s.storage.forceSnapshot();
        s.writeOk("db", "gone v=2 2\nkept v=2 2");
        DatabaseSchema db = s.db("db");
        TableSchema gone = s.table("db", "gone");
        TableSchema kept = s.table("db", "kept");
        String gonePrefix = "node1/dbs/" + db.id() + "/" + gone.id() + "/";
        assertThat(parquetPaths()).anyMatch(p -> p.startsWith(gonePrefix));

        s.storage.hardDelete(db.id(), gone.id());

        assertThat(parquetPaths()).noneMatch(p -> p.startsWith(gonePrefix)).isNotEmpty();
        assertThat(s.storage.buffer().files(db.id(), gone.id())).isEmpty();
        assertThat(s.storage.buffer().table(db.id(), gone.id())).isNull();
        assertThat(Snapshotter.latestManifest(s.store, TestingStorage.NODE).orElseThrow().files())
                .noneMatch(f -> f.tableId() == gone.id());
        assertThat(s.rows("db", "gone")).isEmpty();
        assertThat(s.rows("db", "kept")).containsExactly(row(1L, 1.0), row(2L, 2.0));
    }

    @Test
    void hardDeletingADatabaseRemovesAllItsFiles() {
        s.writeOk("a", "t1 v=1 1\nt2 v=1 1");
        s.writeOk("b", "t1 v=1 1");
        s.storage.forceSnapshot();
        int a = s.db("a").id();
        int b = s.db("b").id();
        s.catalog.deleteDatabase("a", time.nowMillis());
        s.storage.hardDelete(a, null);
        assertThat(parquetPaths()).isNotEmpty().allMatch(p -> p.startsWith("node1/dbs/" + b + "/"));
        assertThat(s.storage.buffer().allFiles()).allMatch(f -> f.dbId() == b);

        s.reopen();
        assertThat(s.storage.buffer().allFiles()).allMatch(f -> f.dbId() == b).isNotEmpty();
        assertThat(s.rows("b", "t1")).containsExactly(row(1L, 1.0));
    }

    @Test
    void hardDeletedRowsDoNotComeBackFromTheWalAfterRestart() {
        s.writeOk("a", "t1 v=1 1");
        s.writeOk("keep", "t v=1 1");
        DatabaseSchema a = s.db("a");
        int tableId = s.table("a", "t1").id();
        s.catalog.deleteDatabase("a", time.nowMillis());
        s.storage.hardDelete(a.id(), null);
        assertThat(s.storage.buffer().table(a.id(), tableId)).isNull();

        s.reopen();
        assertThat(s.storage.buffer().table(a.id(), tableId)).as("replayed rows of a hard-deleted db").isNull();
        s.storage.forceSnapshot();
        assertThat(parquetPaths()).as("files of a hard-deleted db").noneMatch(p -> p.startsWith("node1/dbs/" + a.id() + "/"));
    }
}
