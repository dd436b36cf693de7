package io.influxdb3j.catalog;

import static io.influxdb3j.common.ColumnType.FLOAT;
import static io.influxdb3j.common.ColumnType.INTEGER;
import static io.influxdb3j.common.ColumnType.TAG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.FileObjectStore;
import io.influxdb3j.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogPersistenceTest {
    private static final long GEN1 = Duration.ofMinutes(10).toNanos();
    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));

    @TempDir
    Path dir;

    private Catalog open(ObjectStore store, long gen1) {
        return Catalog.loadOrCreate(store, "node1", CatalogLimits.DEFAULT, gen1, time);
    }

    private static void populate(Catalog catalog, TestingTimeProvider time) {
        catalog.createDatabase("metrics", Duration.ofDays(3).toNanos());
        catalog.ensureSchema("metrics", List.of(new ColumnRequest("cpu", "host", TAG), new ColumnRequest("cpu", "usage", FLOAT),
                new ColumnRequest("cpu", "région", TAG), new ColumnRequest("mem", "free", INTEGER)));
        catalog.createTable("metrics", "disk", List.of("dev"), List.of(new ColumnDef(0, "used", io.influxdb3j.common.ColumnType.UINTEGER)));
        catalog.deleteTable("metrics", "mem", 99L);
        catalog.createDatabase("old", null);
        catalog.deleteDatabase("old", null);
        catalog.createOperatorToken();
        time.advanceMillis(1000);
        catalog.createNamedAdminToken("reader", time.nowMillis() + 1000);
        catalog.regenerateOperatorToken();
    }

    @Test
    void reloadedCatalogEqualsTheOldSnapshot() {
        Catalog catalog = open(new FileObjectStore(dir), GEN1);
        populate(catalog, time);
        CatalogSnapshot before = catalog.snapshot();

        Catalog reloaded = open(new FileObjectStore(dir), Duration.ofMinutes(1).toNanos());
        assertThat(reloaded.snapshot()).isEqualTo(before);
        assertThat(reloaded.gen1DurationNanos()).as("fixed by the first start").isEqualTo(GEN1);

        // and it carries on from there
        reloaded.createDatabase("next", null);
        assertThat(reloaded.snapshot().sequence()).isEqualTo(before.sequence() + 1);
        assertThat(reloaded.snapshot().database("next").id()).isEqualTo(before.nextDatabaseId());
        assertThat(open(new FileObjectStore(dir), GEN1).snapshot()).isEqualTo(reloaded.snapshot());
    }

    @Test
    void onlyTheNewestFilesAreKept() {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog catalog = open(store, GEN1);
        for (int i = 0; i < 25; i++) {
            catalog.createDatabase("db" + i, null);
        }
        long seq = catalog.snapshot().sequence();
        List<String> paths = store.list("node1/catalog/").stream().map(ObjectStore.ObjectMeta::path).toList();
        assertThat(paths).hasSizeLessThanOrEqualTo(10).last()
                .isEqualTo("node1/catalog/v1/" + String.format("%020d", seq) + ".json");
        assertThat(open(store, GEN1).snapshot()).isEqualTo(catalog.snapshot());
    }

    @Test
    void eachChangeWritesTheNextNumberedFile() {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog catalog = open(store, GEN1);
        assertThat(store.get("node1/catalog/v1/00000000000000000001.json")).isPresent();
        catalog.createDatabase("a", null);
        assertThat(store.get("node1/catalog/v1/00000000000000000002.json")).isPresent();
        assertThat(store.list("node1/catalog/v1/")).hasSize(2);
    }

    @Test
    void corruptedNewestFileIsRefusedWithAClearMessage() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog catalog = open(store, GEN1);
        catalog.createDatabase("a", null);
        String newest = "node1/catalog/v1/" + String.format("%020d", catalog.snapshot().sequence()) + ".json";
        Path file = dir.resolve(newest);
        String text = Files.readString(file);
        // A single changed value inside the catalog body: still valid JSON, wrong checksum.
        String damaged = text.replace("\"a\"", "\"b\"");
        assertThat(damaged).isNotEqualTo(text);
        Files.writeString(file, damaged);

        assertThatThrownBy(() -> open(new FileObjectStore(dir), GEN1))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessage("catalog file " + newest + " is unreadable: checksum mismatch");
    }

    @Test
    void truncatedOrForeignFilesAreRefused() throws Exception {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog catalog = open(store, GEN1);
        String newest = "node1/catalog/v1/" + String.format("%020d", catalog.snapshot().sequence()) + ".json";
        byte[] bytes = store.get(newest).orElseThrow();
        Files.write(dir.resolve(newest), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> open(new FileObjectStore(dir), GEN1))
                .hasMessageStartingWith("catalog file " + newest + " is unreadable: ");

        Files.writeString(dir.resolve(newest), "{\"format\":\"something-else\"}");
        assertThatThrownBy(() -> open(new FileObjectStore(dir), GEN1))
                .hasMessage("catalog file " + newest + " is unreadable: not a catalog file");

        String v2 = new String(bytes, StandardCharsets.UTF_8).replace("\"version\" : 1", "\"version\" : 2");
        assertThat(v2).contains("\"version\" : 2");
        Files.writeString(dir.resolve(newest), v2);
        assertThatThrownBy(() -> open(new FileObjectStore(dir), GEN1))
                .hasMessage("catalog file " + newest + " is unreadable: unsupported catalog format version 2 (this server reads version 1)");

        Files.write(dir.resolve(newest), new byte[0]);
        assertThatThrownBy(() -> open(new FileObjectStore(dir), GEN1))
                .hasMessageStartingWith("catalog file " + newest + " is unreadable");
    }

    @Test
    void anotherWriterOfTheSameCatalogIsDetected() {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog first = open(store, GEN1);
        Catalog second = open(store, GEN1);
        first.createDatabase("a", null);
        long seq = second.snapshot().sequence();
        assertThatThrownBy(() -> second.createDatabase("b", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("another server is writing this node's catalog");
        assertThat(second.snapshot().sequence()).as("a change that fails to persist changes nothing").isEqualTo(seq);
        assertThat(second.snapshot().database("b")).isNull();
    }

    @Test
    void nodesHaveSeparateCatalogs() {
        FileObjectStore store = new FileObjectStore(dir);
        Catalog one = Catalog.loadOrCreate(store, "one", CatalogLimits.DEFAULT, GEN1, time);
        Catalog two = Catalog.loadOrCreate(store, "two", CatalogLimits.DEFAULT, GEN1, time);
        one.createDatabase("only_one", null);
        assertThat(two.snapshot().database("only_one")).isNull();
        assertThat(one.snapshot().catalogUuid()).isNotEqualTo(two.snapshot().catalogUuid());
    }

    @Test
    void triggerSettingsSurviveAReloadAndOldFilesReadThemAsDefaults() throws Exception {
        Catalog catalog = open(new FileObjectStore(dir), GEN1);
        catalog.createDatabase("metrics", null);
        catalog.createTrigger("metrics", "plain", "a.py", "every:1m", null, false, "log", false);
        catalog.createTrigger("metrics", "fast", "b.py", "table:cpu", java.util.Map.of("k", "v"), true, "retry", true,
                2500L, TriggerDef.ISOLATED);

        Catalog reloaded = open(new FileObjectStore(dir), GEN1);
        int db = reloaded.snapshot().database("metrics").id();
        TriggerDef fast = reloaded.snapshot().trigger(db, "fast");
        assertThat(fast.timeLimitMillis()).isEqualTo(2500L);
        assertThat(fast.isolated()).isTrue();
        assertThat(fast.withDisabled(false).timeLimitMillis()).as("kept when enabled").isEqualTo(2500L);
        TriggerDef plain = reloaded.snapshot().trigger(db, "plain");
        assertThat(plain.timeLimitMillis()).isNull();
        assertThat(plain.isolated()).isFalse();

        // A catalog file from before these settings: the keys are absent.
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(CatalogCodec.encode(reloaded.snapshot()));
        for (var t : root.get("catalog").get("triggers")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) t).remove(List.of("timeLimitMillis", "interpreter"));
        }
        var crc = new java.util.zip.CRC32C();
        crc.update(mapper.writeValueAsBytes(root.get("catalog")));
        root.put("crc32c", crc.getValue());
        CatalogSnapshot old = CatalogCodec.decode("old.json", mapper.writeValueAsBytes(root));
        assertThat(old.trigger(db, "fast").timeLimitMillis()).isNull();
        assertThat(old.trigger(db, "fast").isolated()).isFalse();
        assertThat(old.trigger(db, "fast").errorBehavior()).isEqualTo("retry");
    }
}
