package io.influxdb3j.catalog;

import static io.influxdb3j.common.ColumnType.BOOLEAN;
import static io.influxdb3j.common.ColumnType.FLOAT;
import static io.influxdb3j.common.ColumnType.INTEGER;
import static io.influxdb3j.common.ColumnType.STRING;
import static io.influxdb3j.common.ColumnType.TAG;
import static io.influxdb3j.common.ColumnType.TIME;
import static io.influxdb3j.common.ColumnType.UINTEGER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogSchemaTest {
    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45Z"));
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private Catalog open(CatalogLimits limits) {
        Catalog catalog = Catalog.loadOrCreate(store, "node1", limits, Duration.ofMinutes(10).toNanos(), time);
        catalog.createDatabase("db", null);
        return catalog;
    }

    private Catalog open() {
        return open(CatalogLimits.DEFAULT);
    }

    private static ColumnRequest col(String table, String column, ColumnType type) {
        return new ColumnRequest(table, column, type);
    }

    @Test
    void createsTablesAndColumnsWithDenseIds() {
        Catalog catalog = open();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(
                col("cpu", "host", TAG), col("cpu", "usage", FLOAT), col("mem", "free", INTEGER),
                col("cpu", "region", TAG), col("cpu", "count", UINTEGER), col("mem", "ok", BOOLEAN),
                col("cpu", "note", STRING)));
        assertThat(u.rejected()).isEmpty();
        DatabaseSchema db = u.snapshot().database("db");
        TableSchema cpu = db.table("cpu");
        TableSchema mem = db.table("mem");
        assertThat(cpu.id()).isZero();
        assertThat(mem.id()).isEqualTo(1);
        assertThat(db.nextTableId()).isEqualTo(2);
        assertThat(cpu.columns()).containsExactly(
                new ColumnDef(0, "time", TIME), new ColumnDef(1, "host", TAG), new ColumnDef(2, "usage", FLOAT),
                new ColumnDef(3, "region", TAG), new ColumnDef(4, "count", UINTEGER), new ColumnDef(5, "note", STRING));
        assertThat(mem.columns()).containsExactly(
                new ColumnDef(0, "time", TIME), new ColumnDef(1, "free", INTEGER), new ColumnDef(2, "ok", BOOLEAN));
        assertThat(cpu.seriesKey()).containsExactly(1, 3);
        assertThat(cpu.seriesKeyColumns()).extracting(ColumnDef::name).containsExactly("host", "region");
        assertThat(mem.seriesKey()).isEmpty();
        assertThat(cpu.columnsSortedByName()).extracting(ColumnDef::name)
                .containsExactly("count", "host", "note", "region", "time", "usage");
        assertThat(db.tableById(1)).isEqualTo(mem);
        assertThat(catalog.snapshot()).isSameAs(u.snapshot());
    }

    @Test
    void tagsAreAppendedToTheSeriesKeyInFirstAppearanceOrderAcrossCalls() {
        Catalog catalog = open();
        catalog.ensureSchema("db", List.of(col("t", "z", TAG), col("t", "f", FLOAT)));
        catalog.ensureSchema("db", List.of(col("t", "a", TAG), col("t", "z", TAG), col("t", "m", TAG)));
        catalog.ensureSchema("db", List.of(col("t", "b", TAG)));
        TableSchema t = catalog.snapshot().database("db").table("t");
        assertThat(t.seriesKeyColumns()).extracting(ColumnDef::name).containsExactly("z", "a", "m", "b");
        assertThat(t.seriesKey()).containsExactly(1, 3, 4, 5);
    }

    @Test
    void existingColumnsOfTheSameTypeAreNoChange() {
        Catalog catalog = open();
        catalog.ensureSchema("db", List.of(col("t", "f", FLOAT)));
        CatalogSnapshot before = catalog.snapshot();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "f", FLOAT), col("t", null, null)));
        assertThat(u.rejected()).isEmpty();
        assertThat(u.snapshot()).isSameAs(before);
    }

    @Test
    void typeConflictWithExistingColumnIsRejectedWithTheSpecMessage() {
        Catalog catalog = open();
        catalog.ensureSchema("db", List.of(col("t", "x", FLOAT), col("t", "host", TAG)));
        long seq = catalog.snapshot().sequence();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "x", INTEGER), col("t", "host", STRING),
                col("t", "y", UINTEGER)));
        assertThat(u.rejected()).containsExactly(
                java.util.Map.entry(SchemaUpdate.key("t", "x"),
                        "invalid column type for column 'x', expected iox::column_type::field::float, got iox::column_type::field::integer"),
                java.util.Map.entry(SchemaUpdate.key("t", "host"),
                        "invalid column type for column 'host', expected iox::column_type::tag, got iox::column_type::field::string"));
        TableSchema t = u.snapshot().database("db").table("t");
        assertThat(t.column("x").type()).isEqualTo(FLOAT);
        assertThat(t.column("y").type()).as("the other request still applies").isEqualTo(UINTEGER);
        assertThat(u.snapshot().sequence()).isEqualTo(seq + 1);
    }

    @Test
    void typeConflictWithinOneCallFirstRequestWins() {
        Catalog catalog = open();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "v", INTEGER), col("t", "v", FLOAT)));
        assertThat(u.rejected()).containsExactly(java.util.Map.entry(SchemaUpdate.key("t", "v"),
                "invalid column type for column 'v', expected iox::column_type::field::integer, got iox::column_type::field::float"));
        assertThat(u.snapshot().database("db").table("t").column("v").type()).isEqualTo(INTEGER);
    }

    @Test
    void timeIsReservedAndChunkOrderIsReserved() {
        Catalog catalog = open();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "time", FLOAT), col("t", "time", TAG),
                col("t", "__chunk_order", INTEGER)));
        assertThat(u.rejected()).containsEntry(SchemaUpdate.key("t", "time"),
                        "invalid column type for column 'time', expected iox::column_type::timestamp, got iox::column_type::tag")
                .containsEntry(SchemaUpdate.key("t", "__chunk_order"), "'__chunk_order' is a reserved column");
        TableSchema t = u.snapshot().database("db").table("t");
        assertThat(t.columns()).containsExactly(new ColumnDef(0, "time", TIME));
    }

    @Test
    void columnLimitCountsTagsAndFieldsButNotTime() {
        Catalog catalog = open(new CatalogLimits(10, 10, 3));
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "a", TAG), col("t", "b", FLOAT), col("t", "c", FLOAT),
                col("t", "d", FLOAT), col("t", "b", FLOAT)));
        assertThat(u.rejected()).containsExactly(java.util.Map.entry(SchemaUpdate.key("t", "d"),
                "Update to schema would exceed number of columns per table limit of 3 columns"));
        TableSchema t = u.snapshot().database("db").table("t");
        assertThat(t.userColumnCount()).isEqualTo(3);
        assertThat(t.columns()).hasSize(4);
    }

    @Test
    void tableLimitCountsLiveTablesAcrossDatabases() {
        Catalog catalog = open(new CatalogLimits(10, 2, 100));
        catalog.createDatabase("other", null);
        catalog.ensureSchema("other", List.of(col("o", "f", FLOAT)));
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("a", "f", FLOAT), col("b", "f", FLOAT),
                col("b", "g", FLOAT), col("a", "g", FLOAT)));
        assertThat(u.rejected()).containsExactly(java.util.Map.entry(SchemaUpdate.key("b", null),
                "Update to schema would exceed number of tables limit: attempted to create table but already have 2 table(s) (limit: 2)"));
        assertThat(u.snapshot().database("db").table("a").column("g")).isNotNull();
        assertThat(u.snapshot().database("db").table("b")).isNull();

        catalog.deleteTable("other", "o", null);
        SchemaUpdate after = catalog.ensureSchema("db", List.of(col("b", "f", FLOAT)));
        assertThat(after.rejected()).as("soft-deleted tables do not count").isEmpty();

        catalog.deleteDatabase("db", null);
        catalog.createDatabase("db", null);
        SchemaUpdate fresh = catalog.ensureSchema("db", List.of(col("x", "f", FLOAT), col("y", "f", FLOAT)));
        assertThat(fresh.rejected()).as("tables of soft-deleted dbs do not count").isEmpty();
    }

    @Test
    void ensureSchemaOnUnknownDatabaseIsNotFound() {
        Catalog catalog = open();
        assertThatThrownBy(() -> catalog.ensureSchema("nope", List.of(col("t", "f", FLOAT))))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void createTableWithTagsInOrderAndFields() {
        Catalog catalog = open();
        TableSchema t = catalog.createTable("db", "weather", List.of("station", "city"),
                List.of(new ColumnDef(0, "temp", FLOAT), new ColumnDef(0, "count", UINTEGER)));
        assertThat(t.columns()).containsExactly(new ColumnDef(0, "time", TIME), new ColumnDef(1, "station", TAG),
                new ColumnDef(2, "city", TAG), new ColumnDef(3, "temp", FLOAT), new ColumnDef(4, "count", UINTEGER));
        assertThat(t.seriesKeyColumns()).extracting(ColumnDef::name).containsExactly("station", "city");
        TableSchema empty = catalog.createTable("db", "bare", List.of(), List.of());
        assertThat(empty.columns()).containsExactly(new ColumnDef(0, "time", TIME));
    }

    @Test
    void createTableCreatesTheDatabaseIfMissing() {
        Catalog catalog = open();
        catalog.createTable("newdb", "t", List.of("a"), List.of());
        assertThat(catalog.snapshot().database("newdb").table("t")).isNotNull();
    }

    @Test
    void createTableTwiceIsAlreadyExists() {
        Catalog catalog = open();
        catalog.createTable("db", "t", List.of(), List.of());
        assertThatThrownBy(() -> catalog.createTable("db", "t", List.of("a"), List.of()))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessage("attempted to create a resource that already exists");
    }

    @Test
    void failedCreateTableLeavesNoTable() {
        Catalog catalog = open(new CatalogLimits(10, 10, 2));
        long seq = catalog.snapshot().sequence();
        assertThatThrownBy(() -> catalog.createTable("db", "wide", List.of("a", "b"), List.of(new ColumnDef(0, "c", FLOAT))))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
                .hasMessage("Update to schema would exceed number of columns per table limit of 2 columns");
        assertThatThrownBy(() -> catalog.createTable("db", "clash", List.of("a"), List.of(new ColumnDef(0, "a", FLOAT))))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessage("invalid column type for column 'a', expected iox::column_type::tag, got iox::column_type::field::float");
        assertThatThrownBy(() -> catalog.createTable("db", "timely", List.of("time"), List.of()))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThat(catalog.snapshot().database("db").tables()).isEmpty();
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
        // and the names are still free
        catalog.createTable("db", "wide", List.of("a", "b"), List.of());
        assertThat(catalog.snapshot().database("db").table("wide").userColumnCount()).isEqualTo(2);
    }

    @Test
    void createTableOverTheTableLimitIsLimitExceeded() {
        Catalog catalog = open(new CatalogLimits(10, 1, 10));
        catalog.createTable("db", "one", List.of(), List.of());
        assertThatThrownBy(() -> catalog.createTable("db", "two", List.of(), List.of()))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(422))
                .hasMessage("Update to schema would exceed number of tables limit: attempted to create table but already have 1 table(s) (limit: 1)");
    }

    @Test
    void softDeletedTableIsRenamedAndItsNameReusable() {
        Catalog catalog = open();
        TableSchema old = catalog.createTable("db", "t", List.of("a"), List.of(new ColumnDef(0, "f", FLOAT)));
        catalog.deleteTable("db", "t", 123L);
        DatabaseSchema db = catalog.snapshot().database("db");
        assertThat(db.table("t")).isNull();
        TableSchema renamed = db.tables().get("t-20240310T153045");
        assertThat(renamed.deleted()).isTrue();
        assertThat(renamed.id()).isEqualTo(old.id());
        assertThat(renamed.hardDeleteAtMillis()).isEqualTo(123L);
        assertThat(db.liveTables()).isEmpty();

        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "f", INTEGER)));
        assertThat(u.rejected()).as("a new table has no memory of the old column types").isEmpty();
        TableSchema fresh = u.snapshot().database("db").table("t");
        assertThat(fresh.id()).isEqualTo(old.id() + 1);
        assertThat(fresh.column("f").type()).isEqualTo(INTEGER);
        assertThatThrownBy(() -> catalog.deleteTable("db", "nope", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void ensureSchemaNeverRevivesOrOverwritesADeletedTableEntry() {
        Catalog catalog = open();
        TableSchema old = catalog.createTable("db", "t", List.of(), List.of(new ColumnDef(0, "f", FLOAT)));
        catalog.deleteTable("db", "t", 42L);
        String renamed = "t-20240310T153045";
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col(renamed, "g", STRING)));
        assertThat(u.rejected()).containsOnlyKeys(SchemaUpdate.key(renamed, null));
        assertThat(u.rejected().get(SchemaUpdate.key(renamed, null))).contains(renamed).contains("deleted");
        DatabaseSchema db = u.snapshot().database("db");
        assertThat(db.tableById(old.id()).deleted()).isTrue();
        assertThat(db.tableById(old.id()).hardDeleteAtMillis()).isEqualTo(42L);
        assertThat(db.tables().values().stream().filter(t -> t.id() == old.id())).hasSize(1);
    }

    @Test
    void deletingARenamedTableAgainConflictsOrReschedules() {
        Catalog catalog = open();
        catalog.createTable("db", "t", List.of(), List.of());
        catalog.deleteTable("db", "t", 5L);
        String renamed = "t-20240310T153045";
        assertThatThrownBy(() -> catalog.deleteTable("db", "t", 5L))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> catalog.deleteTable("db", renamed, 5L))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(409))
                .hasMessage("attempted to modify resource that was already deleted: " + renamed);
        catalog.deleteTable("db", renamed, 7L);
        assertThat(catalog.snapshot().database("db").tables().get(renamed).hardDeleteAtMillis()).isEqualTo(7L);
        assertThatThrownBy(() -> catalog.createTable("db", renamed, List.of(), List.of()))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
    }

    @Test
    void allOrNothingCommitsNothingWhenOneRequestIsRefused() {
        Catalog catalog = open(new CatalogLimits(10, 10, 2));
        catalog.ensureSchema("db", List.of(col("t", "a", FLOAT)));
        CatalogSnapshot before = catalog.snapshot();
        SchemaUpdate u = catalog.ensureSchema("db", List.of(col("t", "b", FLOAT), col("t", "c", FLOAT),
                col("n", "x", TAG)), true);
        assertThat(u.committed()).isFalse();
        assertThat(u.rejected()).containsOnlyKeys(SchemaUpdate.key("t", "c"));
        assertThat(catalog.snapshot()).isSameAs(before);
        // the snapshot shows what would have been, so a caller can find the lines hit
        assertThat(u.snapshot().database("db").table("t").column("b")).isNotNull();
        assertThat(u.snapshot().database("db").table("n")).isNotNull();
        assertThat(u.snapshot().sequence()).isEqualTo(before.sequence());

        SchemaUpdate ok = catalog.ensureSchema("db", List.of(col("t", "b", FLOAT), col("n", "x", TAG)), true);
        assertThat(ok.committed()).isTrue();
        assertThat(ok.rejected()).isEmpty();
        assertThat(catalog.snapshot().sequence()).isEqualTo(before.sequence() + 1);
        assertThat(catalog.snapshot()).isSameAs(ok.snapshot());
    }

    @Test
    void selectStarOrderIsUtf8ByteOrder() {
        Catalog catalog = open();
        // U+FF21 (3 UTF-8 bytes, EF..) sorts before U+1F600 (4 bytes, F0..), though not in UTF-16 order.
        catalog.ensureSchema("db", List.of(col("t", "\uD83D\uDE00", FLOAT), col("t", "\uFF21", FLOAT),
                col("t", "B", TAG), col("t", "a", FLOAT), col("t", "_", FLOAT), col("t", "é", FLOAT), col("t", "ab", FLOAT)));
        List<String> names = catalog.snapshot().database("db").table("t").columnsSortedByName().stream()
                .map(ColumnDef::name).toList();
        assertThat(names).containsExactly("B", "_", "a", "ab", "time", "é", "\uFF21", "\uD83D\uDE00");
        List<String> byBytes = new ArrayList<>(names);
        byBytes.sort((x, y) -> java.util.Arrays.compareUnsigned(x.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(names).isEqualTo(byBytes);
    }

    @Test
    void manyColumnsKeepDenseIds() {
        Catalog catalog = open();
        List<ColumnRequest> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(col("t", "c" + i, i % 3 == 0 ? TAG : FLOAT));
        }
        TableSchema t = catalog.ensureSchema("db", requests).snapshot().database("db").table("t");
        for (int i = 0; i < t.columns().size(); i++) {
            assertThat(t.columns().get(i).id()).isEqualTo(i);
        }
        assertThat(t.seriesKey()).hasSize(67);
    }
}
