package io.influxdb3j.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    void concurrentWritersWithSchemaGrowthAndSnapshotsLoseAndDuplicateNothing() throws Exception {
        TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
        try (TestingStorage s = new TestingStorage(dir, time)) {
            int writers = 6;
            int writesEach = 25;
            CyclicBarrier start = new CyclicBarrier(writers + 1);
            ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
            AtomicBoolean done = new AtomicBoolean();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < writesEach; i++) {
                        // every writer adds its own field now and then, so columns appear while others write
                        String extra = i % 5 == 0 ? ",f" + writer + "_" + i + "=1i" : "";
                        s.writeOk("db", "m,w=w" + writer + " v=" + i + extra + " " + (1_710_084_600_000_000_000L + i * 1_000_000_000L)
                                + "\nm,w=w" + writer + " v=" + i + " " + (1_710_080_000_000_000_000L + i));
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                while (!done.get()) {
                    s.storage.forceSnapshot();
                    Thread.sleep(5);
                }
                return null;
            }));
            for (int i = 0; i < writers; i++) {
                futures.get(i).get(120, TimeUnit.SECONDS);
            }
            done.set(true);
            futures.get(writers).get(60, TimeUnit.SECONDS);
            pool.shutdown();

            List<List<Object>> rows = s.query("db", "m", "SELECT w, epoch_ns(time), v FROM (%s)");
            assertThat(rows).hasSize(writers * writesEach * 2);
            Set<String> keys = new HashSet<>();
            for (List<Object> r : rows) {
                assertThat(keys.add(r.get(0) + "@" + r.get(1))).as("row %s once", r).isTrue();
            }
            s.storage.forceSnapshot();
            assertThat(s.query("db", "m", "SELECT count(*) FROM (%s)").get(0).get(0)).isEqualTo((long) writers * writesEach * 2);
            s.reopen();
            assertThat(s.query("db", "m", "SELECT count(*) FROM (%s)").get(0).get(0)).isEqualTo((long) writers * writesEach * 2);
        }
    }
}
