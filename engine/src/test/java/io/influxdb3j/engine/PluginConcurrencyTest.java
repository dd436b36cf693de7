package io.influxdb3j.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.query.api.QueryRequest;
import io.influxdb3j.query.api.ResultHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PluginConcurrencyTest {
    @Test
    void aQueryReleasesTheGilSoAnotherPluginRunsMeanwhile() throws Exception {
        CountDownLatch otherPluginRan = new CountDownLatch(1);
        QueryExecutor blocking = new QueryExecutor() {
            @Override
            public <T> T query(QueryRequest request, ResultHandler<T> handler) {
                try {
                    // Only possible if the GIL is free while the query runs.
                    if (!otherPluginRan.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the other plugin never ran");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("no such table");
            }

            @Override
            public long queryToParquet(QueryRequest request, Path out) {
                throw new UnsupportedOperationException();
            }
        };
        PluginLogSink sink = (trigger, level, text) -> {
            if (trigger.equals("second") && text.equals("Hello from WAL plugin!")) {
                otherPluginRan.countDown();
            }
        };
        PluginRunner runner = new PluginRunner(new TestingWriteSink(), sink, blocking,
                new TestingTimeProvider(0), Duration.ofSeconds(20));
        PluginLoader loader = PluginTestSupport.loader();

        CompletableFuture<PluginRunResult> first = CompletableFuture.supplyAsync(
                () -> runner.runSchedule(loader.load("first", "hello_schedule.py"), "db", Instant.EPOCH, null),
                task -> Thread.ofPlatform().start(task));
        PluginRunResult second = runner.runWal(loader.load("second", "hello_wal.py"), "db", java.util.List.of(), null);

        assertThat(second.succeeded()).isTrue();
        assertThat(first.get(15, TimeUnit.SECONDS).error().message())
                .isEqualTo("QueryError: error: no such table executing query on db: SELECT count(*) AS n FROM hello_summary");
    }
}
