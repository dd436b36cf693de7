package io.influxdb3j.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CatalogConcurrencyTest {
    private static final ColumnType[] TYPES = {ColumnType.TAG, ColumnType.FLOAT, ColumnType.INTEGER, ColumnType.UINTEGER,
            ColumnType.STRING, ColumnType.BOOLEAN};

    @Test
    void concurrentEnsureSchemaCreatesEveryColumnOnceWithOneType() throws Exception {
        TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
        Catalog catalog = Catalog.loadOrCreate(new InMemoryObjectStore(), "node1", CatalogLimits.DEFAULT,
                Duration.ofMinutes(10).toNanos(), time);
        catalog.createDatabase("db", null);
        int threads = 16;
        int rounds = 40;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // What each thread asked for and which requests it was told were rejected.
        List<Future<List<Map.Entry<ColumnRequest, Boolean>>>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            long seed = 1000 + i;
            futures.add(pool.submit(() -> {
                Random r = new Random(seed);
                List<Map.Entry<ColumnRequest, Boolean>> outcomes = new ArrayList<>();
                barrier.await(10, TimeUnit.SECONDS);
                for (int round = 0; round < rounds; round++) {
                    // one request per column within a batch, so a rejection names exactly one request
                    Map<String, ColumnRequest> byColumn = new java.util.LinkedHashMap<>();
                    for (int k = 0; k < 6; k++) {
                        String table = "t" + r.nextInt(4);
                        String column = "c" + r.nextInt(12);
                        byColumn.putIfAbsent(table + "." + column,
                                new ColumnRequest(table, column, TYPES[r.nextInt(TYPES.length)]));
                    }
                    List<ColumnRequest> batch = new ArrayList<>(byColumn.values());
                    SchemaUpdate u = catalog.ensureSchema("db", batch);
                    for (ColumnRequest req : batch) {
                        boolean rejected = u.rejected().containsKey(SchemaUpdate.key(req.tableName(), req.columnName()));
                        outcomes.add(Map.entry(req, rejected));
                        if (!rejected) {
                            // an accepted request is visible, with that type, in the snapshot returned
                            TableSchema t = u.snapshot().database("db").table(req.tableName());
                            assertThat(t.column(req.columnName()).type()).isEqualTo(req.type());
                        }
                    }
                }
                return outcomes;
            }));
        }
        List<Map.Entry<ColumnRequest, Boolean>> all = new ArrayList<>();
        for (var f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        DatabaseSchema db = catalog.snapshot().database("db");
        assertThat(db.tables()).hasSize(4);
        Set<Integer> tableIds = new HashSet<>();
        for (TableSchema t : db.tables().values()) {
            tableIds.add(t.id());
            Set<String> names = new HashSet<>();
            for (int i = 0; i < t.columns().size(); i++) {
                ColumnDef c = t.columns().get(i);
                assertThat(c.id()).isEqualTo(i);
                assertThat(names.add(c.name())).as("column %s of %s exists once", c.name(), t.name()).isTrue();
            }
            for (int id : t.seriesKey()) {
                assertThat(t.columns().get(id).type()).isEqualTo(ColumnType.TAG);
            }
            assertThat(t.seriesKey()).doesNotHaveDuplicates()
                    .hasSize((int) t.columns().stream().filter(c -> c.type() == ColumnType.TAG).count());
        }
        assertThat(tableIds).containsExactlyInAnyOrder(0, 1, 2, 3);

        // Every accepted request matches the final type; every rejected one conflicts with it.
        Map<String, ColumnType> finalTypes = new HashMap<>();
        for (TableSchema t : db.tables().values()) {
            for (ColumnDef c : t.columns()) {
                finalTypes.put(t.name() + "." + c.name(), c.type());
            }
        }
        for (var e : all) {
            ColumnType actual = finalTypes.get(e.getKey().tableName() + "." + e.getKey().columnName());
            assertThat(actual).isNotNull();
            if (e.getValue()) {
                assertThat(actual).isNotEqualTo(e.getKey().type());
            } else {
                assertThat(actual).isEqualTo(e.getKey().type());
            }
        }
    }

    @Test
    void concurrentDatabaseForWriteCreatesOneDatabase() throws Exception {
        TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
        Catalog catalog = Catalog.loadOrCreate(new InMemoryObjectStore(), "node1", CatalogLimits.DEFAULT,
                Duration.ofMinutes(10).toNanos(), time);
        int threads = 12;
        CyclicBarrier barrier = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> ids = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ids.add(pool.submit(() -> {
                barrier.await(10, TimeUnit.SECONDS);
                return catalog.databaseForWrite("shared").id();
            }));
        }
        Set<Integer> seen = new HashSet<>();
        for (var f : ids) {
            seen.add(f.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertThat(seen).hasSize(1);
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("_internal", "shared");
        assertThat(catalog.snapshot().sequence()).isEqualTo(2);
    }
}
