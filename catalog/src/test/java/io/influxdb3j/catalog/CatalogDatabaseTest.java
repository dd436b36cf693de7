package io.influxdb3j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogDatabaseTest {
    private static final long GEN1 = Duration.ofMinutes(10).toNanos();
    private final TestingTimeProvider time = new TestingTimeProvider(Instant.parse("2024-03-10T15:30:45.123Z"));
    private final InMemoryObjectStore store = new InMemoryObjectStore();

    private Catalog open(CatalogLimits limits) {
        return Catalog.loadOrCreate(store, "node1", limits, GEN1, time);
    }

    private Catalog open() {
        return open(CatalogLimits.DEFAULT);
    }

    @Test
    void newCatalogHasOnlyInternalWithSevenDayRetention() {
        Catalog catalog = open();
        CatalogSnapshot s = catalog.snapshot();
        assertThat(s.databases()).containsOnlyKeys("_internal");
        DatabaseSchema internal = s.database("_internal");
        assertThat(internal.isInternal()).isTrue();
        assertThat(internal.retentionNanos()).isEqualTo(Duration.ofDays(7).toNanos());
        assertThat(internal.id()).isZero();
        assertThat(s.sequence()).isEqualTo(1);
        assertThat(s.nodeId()).isEqualTo("node1");
        assertThat(s.catalogUuid()).isNotBlank();
        assertThat(catalog.gen1DurationNanos()).isEqualTo(GEN1);
    }

    @Test
    void createAndListDatabases() {
        Catalog catalog = open();
        DatabaseSchema a = catalog.createDatabase("alpha", null);
        DatabaseSchema b = catalog.createDatabase("beta", Duration.ofDays(30).toNanos());
        assertThat(a.id()).isEqualTo(1);
        assertThat(b.id()).isEqualTo(2);
        assertThat(a.retentionNanos()).isNull();
        assertThat(b.retentionNanos()).isEqualTo(Duration.ofDays(30).toNanos());
        assertThat(a.tables()).isEmpty();
        assertThat(a.deleted()).isFalse();
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("_internal", "alpha", "beta");
        assertThat(catalog.snapshot().database("beta")).isEqualTo(b);
        assertThat(catalog.snapshot().databaseById(2)).isEqualTo(b);
        assertThat(catalog.snapshot().database("gamma")).isNull();
    }

    @Test
    void duplicateDatabaseIsAlreadyExists() {
        Catalog catalog = open();
        catalog.createDatabase("alpha", null);
        long seq = catalog.snapshot().sequence();
        assertThatThrownBy(() -> catalog.createDatabase("alpha", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessage("attempted to create a resource that already exists");
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
    }

    @Test
    void createDatabaseValidatesTheName() {
        Catalog catalog = open();
        assertThatThrownBy(() -> catalog.createDatabase("bad name", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageStartingWith("invalid character in database or rp name");
        assertThatThrownBy(() -> catalog.databaseForWrite("_x"))
                .hasMessage("db name did not start with a number or letter");
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("_internal");
    }

    @Test
    void databaseLimitExcludesInternalAndSoftDeleted() {
        Catalog catalog = open(new CatalogLimits(2, 100, 100));
        catalog.createDatabase("a", null);
        catalog.createDatabase("b", null);
        assertThatThrownBy(() -> catalog.createDatabase("c", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
                    assertThat(e.httpStatus()).isEqualTo(422);
                })
                .hasMessage("Adding a new database would exceed limit of 2 databases");
        assertThatThrownBy(() -> catalog.databaseForWrite("c"))
                .hasMessage("Adding a new database would exceed limit of 2 databases");
        catalog.deleteDatabase("a", null);
        assertThatCode(() -> catalog.createDatabase("c", null)).doesNotThrowAnyException();
        assertThatThrownBy(() -> catalog.createDatabase("d", null))
                .hasMessage("Adding a new database would exceed limit of 2 databases");
    }

    @Test
    void defaultLimitMessageNamesTheConfiguredLimit() {
        Catalog catalog = open(new CatalogLimits(5, 2000, 500));
        for (int i = 0; i < 5; i++) {
            catalog.createDatabase("db" + i, null);
        }
        assertThatThrownBy(() -> catalog.createDatabase("db5", null))
                .hasMessage("Adding a new database would exceed limit of 5 databases");
    }

    @Test
    void databaseForWriteCreatesOnceAndReturnsExisting() {
        Catalog catalog = open();
        DatabaseSchema first = catalog.databaseForWrite("w");
        long seq = catalog.snapshot().sequence();
        DatabaseSchema second = catalog.databaseForWrite("w");
        assertThat(second).isEqualTo(first);
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
    }

    @Test
    void internalDatabaseCannotBeDeletedOrModified() {
        Catalog catalog = open();
        long seq = catalog.snapshot().sequence();
        assertThatThrownBy(() -> catalog.deleteDatabase("_internal", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
                .hasMessage("cannot delete internal db");
        assertThatThrownBy(() -> catalog.setRetention("_internal", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(500))
                .hasMessage("cannot modify internal db");
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
        assertThat(catalog.snapshot().database("_internal").retentionNanos()).isEqualTo(Duration.ofDays(7).toNanos());
    }

    @Test
    void setRetentionChangesAndClears() {
        Catalog catalog = open();
        catalog.createDatabase("r", null);
        catalog.setRetention("r", Duration.ofHours(1).toNanos());
        assertThat(catalog.snapshot().database("r").retentionNanos()).isEqualTo(Duration.ofHours(1).toNanos());
        catalog.setRetention("r", null);
        assertThat(catalog.snapshot().database("r").retentionNanos()).isNull();
        assertThatThrownBy(() -> catalog.setRetention("nope", 1L))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void softDeleteRenamesWithUtcTimestampAndFreesTheName() {
        Catalog catalog = open();
        DatabaseSchema original = catalog.createDatabase("metrics", null);
        catalog.createTable("metrics", "cpu", List.of("host"), List.of());
        long hardDeleteAt = time.nowMillis() + 1000;

        DatabaseSchema deleted = catalog.deleteDatabase("metrics", hardDeleteAt);

        // 15:30:45 UTC, whatever the JVM's zone (the suite runs in Australia/Adelaide).
        assertThat(deleted.name()).isEqualTo("metrics-20240310T153045");
        assertThat(deleted.id()).isEqualTo(original.id());
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.hardDeleteAtMillis()).isEqualTo(hardDeleteAt);
        assertThat(deleted.tables().values()).allSatisfy(t -> {
            assertThat(t.deleted()).isTrue();
            assertThat(t.hardDeleteAtMillis()).isEqualTo(hardDeleteAt);
        });
        CatalogSnapshot s = catalog.snapshot();
        assertThat(s.database("metrics")).isNull();
        assertThat(s.database("metrics-20240310T153045")).as("deleted dbs are hidden").isNull();
        assertThat(s.databases()).containsKey("metrics-20240310T153045").doesNotContainKey("metrics");

        DatabaseSchema again = catalog.createDatabase("metrics", null);
        assertThat(again.id()).isNotEqualTo(original.id()).isEqualTo(original.id() + 1);
        assertThat(again.tables()).isEmpty();
        assertThat(catalog.snapshot().databaseById(original.id()).name()).isEqualTo("metrics-20240310T153045");
    }

    @Test
    void softDeleteNameCollisionAppendsTheId() {
        Catalog catalog = open();
        DatabaseSchema first = catalog.createDatabase("x", null);
        catalog.deleteDatabase("x", null);
        DatabaseSchema second = catalog.createDatabase("x", null);
        DatabaseSchema deletedAgain = catalog.deleteDatabase("x", null);
        assertThat(deletedAgain.name()).isEqualTo("x-20240310T153045-" + second.id());
        assertThat(catalog.snapshot().databaseById(first.id()).name()).isEqualTo("x-20240310T153045");
    }

    @Test
    void deletingAnUnknownOrAlreadyRenamedDatabaseIsNotFound() {
        Catalog catalog = open();
        catalog.createDatabase("gone", null);
        catalog.deleteDatabase("gone", null);
        assertThatThrownBy(() -> catalog.deleteDatabase("gone", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
        assertThatThrownBy(() -> catalog.deleteDatabase("never", null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void deletingTheRenamedDatabaseAgainWithTheSameTimeIsAConflict() {
        Catalog catalog = open();
        catalog.createDatabase("gone", null);
        DatabaseSchema deleted = catalog.deleteDatabase("gone", 5_000L);
        assertThatThrownBy(() -> catalog.deleteDatabase(deleted.name(), 5_000L))
                .isInstanceOfSatisfying(InfluxException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_DELETED);
                    assertThat(e.httpStatus()).isEqualTo(409);
                })
                .hasMessage("attempted to modify resource that was already deleted: " + deleted.name());
        DatabaseSchema rescheduled = catalog.deleteDatabase(deleted.name(), 9_000L);
        assertThat(rescheduled.name()).isEqualTo(deleted.name());
        assertThat(rescheduled.hardDeleteAtMillis()).isEqualTo(9_000L);
        assertThat(catalog.snapshot().databases()).containsOnlyKeys("_internal", deleted.name());
    }

    @Test
    void writingToASoftDeletedDatabaseByItsNewNameIsRefusedAndKeepsItsRecord() {
        Catalog catalog = open();
        DatabaseSchema original = catalog.createDatabase("gone", null);
        DatabaseSchema deleted = catalog.deleteDatabase("gone", 5_000L);
        assertThatThrownBy(() -> catalog.databaseForWrite(deleted.name()))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(400))
                .hasMessage("cannot write to soft-deleted database '" + deleted.name() + "' - it is marked for deletion");
        assertThatThrownBy(() -> catalog.createDatabase(deleted.name(), null))
                .isInstanceOfSatisfying(InfluxException.class, e -> assertThat(e.httpStatus()).isEqualTo(409));
        DatabaseSchema kept = catalog.snapshot().databaseById(original.id());
        assertThat(kept.deleted()).isTrue();
        assertThat(kept.hardDeleteAtMillis()).isEqualTo(5_000L);
    }

    @Test
    void forgetRemovesOnlyDeletedDatabases() {
        Catalog catalog = open();
        DatabaseSchema live = catalog.createDatabase("live", null);
        DatabaseSchema dead = catalog.createDatabase("dead", null);
        catalog.deleteDatabase("dead", 0L);
        catalog.forgetDatabase(dead.id());
        catalog.forgetDatabase(live.id());
        assertThat(catalog.snapshot().databaseById(dead.id())).isNull();
        assertThat(catalog.snapshot().databaseById(live.id())).isNotNull();
    }

    @Test
    void everyChangeIncreasesTheSequenceByOneAndNotifiesListeners() {
        Catalog catalog = open();
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        catalog.addListener(s -> seen.add(s.sequence()));
        long start = catalog.snapshot().sequence();
        catalog.createDatabase("a", null);
        catalog.setRetention("a", 5L);
        catalog.createTable("a", "t", List.of("tag"), List.of());
        catalog.ensureSchema("a", List.of(new ColumnRequest("t", "f", io.influxdb3j.common.ColumnType.FLOAT)));
        catalog.ensureSchema("a", List.of(new ColumnRequest("t", "f", io.influxdb3j.common.ColumnType.FLOAT)));
        catalog.createOperatorToken();
        catalog.deleteTable("a", "t", null);
        catalog.deleteDatabase("a", null);
        assertThat(seen).containsExactly(start + 1, start + 2, start + 3, start + 4, start + 5, start + 6, start + 7);
        assertThat(catalog.snapshot().sequence()).isEqualTo(start + 7);
    }

    @Test
    void failedChangesLeaveTheSequenceAlone() {
        Catalog catalog = open();
        catalog.createDatabase("a", null);
        long seq = catalog.snapshot().sequence();
        assertThatThrownBy(() -> catalog.createDatabase("a", null)).isInstanceOf(InfluxException.class);
        assertThatThrownBy(() -> catalog.deleteDatabase("b", null)).isInstanceOf(InfluxException.class);
        assertThatThrownBy(() -> catalog.deleteToken("nobody")).isInstanceOf(InfluxException.class);
        assertThat(catalog.snapshot().sequence()).isEqualTo(seq);
    }
}
