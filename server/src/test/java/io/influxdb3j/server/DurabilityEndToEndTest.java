package io.influxdb3j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged write survives kill -9, exactly once. */
class DurabilityEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRowSurvivesSigkillExactlyOnce() throws Exception {
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        try (ChildServer server = ChildServer.start(dir, 50, 600)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                Thread t = new Thread(() -> {
                    int i = 0;
                    while (!stop.get()) {
                        int id = writer * 1_000_000 + i++;
                        try {
                            HttpResponse<String> r = server.post("/api/v3/write_lp?db=durable&precision=ns",
                                    "rows,writer=w" + writer + " id=" + id + "i " + (1_700_000_000_000_000_000L + id) + "\n");
                            if (r.statusCode() == 204) {
                                acknowledged.add(id);
                            }
                        } catch (Exception e) {
                            return; // the server died under us: this write was not acknowledged
                        }
                    }
                });
                t.start();
                writers.add(t);
            }
            Thread.sleep(3_000);
            server.kill();
            stop.set(true);
            for (Thread t : writers) {
                t.join(30_000);
            }
        }
        assertThat(acknowledged).hasSizeGreaterThan(20);
        try (ChildServer restarted = ChildServer.start(dir, 50, 600)) {
            HttpResponse<String> r = restarted.sql("durable", "SELECT id FROM rows", "csv");
            assertThat(r.statusCode()).isEqualTo(200);
            String[] lines = r.body().split("\n");
            List<Integer> found = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                found.add(Integer.parseInt(lines[i]));
            }
            Set<Integer> unique = new HashSet<>(found);
            assertThat(unique).as("no row twice").hasSameSizeAs(found);
            assertThat(unique).as("every acknowledged row").containsAll(acknowledged);
        }
    }
}
