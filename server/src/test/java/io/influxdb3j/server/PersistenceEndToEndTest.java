package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows moved to Parquet (and their WAL files deleted) read back the same, also after a restart. */
class PersistenceEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void persistedRowsQueryTheSameAfterRestartAndParquetIsPortable() throws Exception {
        StringBuilder lp = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            lp.append("cpu,host=h").append(i % 7).append(",region=r").append(i % 3)
                    .append(" usage=").append(i * 0.5).append(",count=").append(i).append("i,ok=").append(i % 2 == 0)
                    .append(",note=\"n").append(i).append("\" ").append(1_700_000_000_000_000_000L + i * 60_000_000_000L).append('\n');
        }
        String query = "SELECT * FROM cpu ORDER BY host, region, time";
        String before;
        try (TestingServer s = TestingServer.start(dir, c -> c.withoutAuth(true).withSnapshottedWalFilesToKeep(0))) {
            assertThat(s.write("persist", lp.toString()).statusCode()).isEqualTo(204);
            before = s.sql("persist", query, "csv").body();
            assertThat(before.split("\n")).hasSize(501);
            var files = s.server.storage().forceSnapshot();
            assertThat(files).isNotEmpty();
            assertThat(s.sql("persist", query, "csv").body()).isEqualTo(before);
            HttpResponse<String> listed = s.sql("persist", "SELECT count(*) AS n FROM system.parquet_files WHERE table_name = 'cpu'", "csv");
            assertThat(listed.body()).isEqualTo("n\n" + files.size() + "\n");
        }
        try (Stream<Path> wal = Files.list(dir.resolve("test-node/wal"))) {
            assertThat(wal.toList()).as("WAL files covered by the snapshot are deleted").isEmpty();
        }
        List<Path> parquet;
        try (Stream<Path> walk = Files.walk(dir.resolve("test-node/dbs"))) {
            parquet = walk.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        assertThat(parquet).isNotEmpty();
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            assertThat(s.sql("persist", query, "csv").body()).isEqualTo(before);
            // New rows after restart merge with the persisted ones.
            assertThat(s.write("persist", "cpu,host=h0,region=r0 usage=1.0 1800000000000000000").statusCode()).isEqualTo(204);
            assertThat(s.sql("persist", "SELECT count(*) AS n FROM cpu", "csv").body()).isEqualTo("n\n501\n");
        }
        // Any Parquet reader opens the files: time is a nanosecond timestamp, rows sorted by tags then time.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            StringBuilder list = new StringBuilder();
            for (Path p : parquet) {
                list.append(list.length() == 0 ? "" : ",").append('\'').append(p).append('\'');
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet([" + list + "])")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(500);
            }
            try (ResultSet rs = st.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('" + parquet.get(0) + "')) WHERE column_name = 'time'")) {
                rs.next();
                assertThat(rs.getString(2)).isEqualTo("TIMESTAMP_NS");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT host, region, time, lag(host) OVER w AS ph, lag(region) OVER w AS pr, lag(time) OVER w AS pt FROM read_parquet('"
                    + parquet.get(0) + "', file_row_number = true) WINDOW w AS (ORDER BY file_row_number)) WHERE ph IS NOT NULL AND (ph, pr, pt) > (host, region, time)")) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows out of (host, region, time) order").isZero();
            }
        }
    }

    @Test
    void duplicatePointsMergeLastValueWinsBeforeAndAfterPersistence() {
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            s.write("dup", "m,t=a f1=1,f2=10 1000000000000000000");
            s.write("dup", "m,t=a f1=2 1000000000000000000");
            String expected = "f1,f2,t,time\n2.0,10.0,a,2001-09-09T01:46:40\n";
            assertThat(s.sql("dup", "SELECT * FROM m", "csv").body()).isEqualTo(expected);
            s.server.storage().forceSnapshot();
            assertThat(s.sql("dup", "SELECT * FROM m", "csv").body()).isEqualTo(expected);
            s.write("dup", "m,t=a f2=20 1000000000000000000");
            assertThat(s.sql("dup", "SELECT * FROM m", "csv").body()).isEqualTo("f1,f2,t,time\n2.0,20.0,a,2001-09-09T01:46:40\n");
        }
    }

    @Test
    void memoryObjectStorePersistsAndQueriesTheSame() {
        try (TestingServer s = TestingServer.start(dir, c -> c.withoutAuth(true).withObjectStore("memory"))) {
            assertThat(s.write("mem", "m,t=a v=1 1000000000000000000\nm,t=b v=2 1000000000000000001").statusCode()).isEqualTo(204);
            String before = s.sql("mem", "SELECT * FROM m ORDER BY t", "csv").body();
            assertThat(s.server.storage().forceSnapshot()).isNotEmpty();
            assertThat(s.sql("mem", "SELECT * FROM m ORDER BY t", "csv").body()).isEqualTo(before);
            assertThat(s.write("mem", "m,t=c v=3 1000000000000000002").statusCode()).isEqualTo(204);
            assertThat(s.sql("mem", "SELECT count(*) AS n FROM m", "csv").body()).isEqualTo("n\n3\n");
        }
    }

    @Test
    void timePredicatesSkipParquetFilesOutsideTheRange() throws Exception {
        try (TestingServer s = TestingServer.startWithoutAuth(dir)) {
            // three gen1 chunks (10 minutes each): three Parquet files
            s.post("/api/v3/write_lp?db=prune&precision=s", "m,t=a v=1 1700000000\nm,t=a v=2 1700000900\nm,t=a v=3 1700001800\n");
            assertThat(s.server.storage().forceSnapshot()).hasSize(3);
            Path oldest;
            try (Stream<Path> w = Files.walk(dir.resolve("test-node/dbs"))) {
                oldest = w.filter(p -> p.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
            }
            Files.delete(oldest); // if a query opened this file, it would fail
            HttpResponse<String> recent = s.sql("prune", "SELECT v FROM m WHERE time >= '2023-11-14T22:25:00' ORDER BY time", "csv");
            assertThat(recent.statusCode()).isEqualTo(200);
            assertThat(recent.body()).isEqualTo("v\n2.0\n3.0\n");
            HttpResponse<String> relative = s.sql("prune", "SELECT count(*) AS n FROM m WHERE time > now() - INTERVAL '1 minute'", "csv");
            assertThat(relative.body()).isEqualTo("n\n0\n");
            HttpResponse<String> all = s.sql("prune", "SELECT v FROM m", "csv");
            assertThat(all.statusCode()).as("a query over every file reads the missing one").isNotEqualTo(200);
        }
    }
}
