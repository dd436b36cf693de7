package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows move from the buffer to Parquet files while queries run: a query must never see a row
 * twice, and never miss a row whose write was acknowledged before the query started.
 */
class ConcurrentSnapshotQueryTest {
    @TempDir
    Path dir;

    @Test
    void queriesStayConsistentWhileSnapshotsMoveRows() throws Exception {
        try (TestingServer s = TestingServer.start(dir, c -> c.withoutAuth(true).withSnapshottedWalFilesToKeep(0))) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong acknowledged = new AtomicLong();
            List<String> problems = new CopyOnWriteArrayList<>();
            Thread writer = new Thread(() -> {
                long id = 0;
                while (!stop.get()) {
                    StringBuilder lp = new StringBuilder();
                    for (int i = 0; i < 50; i++, id++) {
                        lp.append("rows,host=h").append(id % 5).append(" id=").append(id).append("i ")
                                .append(1_700_000_000_000_000_000L + id * 1_000_000_000L).append('\n');
                    }
                    HttpResponse<String> r = s.post("/api/v3/write_lp?db=race&precision=ns", lp.toString());
                    if (r.statusCode() != 204) {
                        problems.add("write " + r.statusCode() + " " + r.body());
                        return;
                    }
                    acknowledged.set(id);
                }
            });
            Thread snapshotter = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        s.server.storage().forceSnapshot();
                        Thread.sleep(20);
                    } catch (Exception e) {
                        problems.add("snapshot " + e);
                        return;
                    }
                }
            });
            writer.start();
            while (acknowledged.get() == 0 && problems.isEmpty() && writer.isAlive()) {
                Thread.sleep(10); // the database and table exist once the first write is acknowledged
            }
            snapshotter.start();
            long deadline = System.nanoTime() + 8_000_000_000L;
            int queries = 0;
            while (System.nanoTime() < deadline && problems.isEmpty()) {
                long ackedBefore = acknowledged.get();
                HttpResponse<String> r = s.sql("race", "SELECT count(*) AS n, count(DISTINCT id) AS d, max(id) AS m FROM rows", "csv");
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String[] v = r.body().split("\n")[1].split(",");
                long n = Long.parseLong(v[0]);
                long d = Long.parseLong(v[1]);
                assertThat(n).as("no row seen twice").isEqualTo(d);
                assertThat(n).as("every row acknowledged before the query is seen").isGreaterThanOrEqualTo(ackedBefore);
                queries++;
            }
            stop.set(true);
            writer.join(10_000);
            snapshotter.join(30_000);
            assertThat(problems).isEmpty();
            assertThat(queries).isGreaterThan(5);
            assertThat(s.server.storage().buffer().allFiles()).isNotEmpty();
            long total = acknowledged.get();
            assertThat(s.sql("race", "SELECT count(*) AS n FROM rows", "csv").body()).isEqualTo("n\n" + total + "\n");
        }
    }
}
