package io.influxdb3j.query;

import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.ColumnDef;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.catalog.TokenInfo;
import io.influxdb3j.common.ColumnType;
import io.influxdb3j.storage.PersistedFile;
import io.influxdb3j.storage.WriteBuffer;
import java.math.BigInteger;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** The information_schema and system tables every InfluxDB 3 database has. */
final class BuiltinSystemTables {
    static final List<String> SYSTEM_TABLE_NAMES = List.of("distinct_caches", "last_caches", "parquet_files",
            "processing_engine_logs", "processing_engine_trigger_arguments", "processing_engine_triggers", "queries",
            "influxdb_schema");
    static final List<String> INFO_VIEWS = List.of("columns", "df_settings", "parameters", "routines", "schemata",
            "tables", "views");

    private BuiltinSystemTables() {
    }

    static List<SystemTable> all(WriteBuffer buffer, QueryLog log, boolean withoutAuth, List<SystemTable> extra) {
        List<SystemTable> t = new ArrayList<>();
        t.add(table("information_schema", "tables",
                "table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR, table_type VARCHAR",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TableSchema ts : db.liveTables()) {
                        rows.add(new Object[]{"public", "iox", ts.name(), "BASE TABLE"});
                    }
                    List<String> sys = new ArrayList<>(SYSTEM_TABLE_NAMES);
                    for (SystemTable e : extra) {
                        if (e.schema().equals("system") && !sys.contains(e.name()) && (!e.internalOnly() || db.isInternal())) {
                            sys.add(e.name());
                        }
                    }
                    if (db.isInternal()) {
                        sys.addAll(List.of("databases", "tables", "tokens", "generation_durations"));
                    }
                    sys.sort(String::compareTo);
                    for (String s : sys) {
                        rows.add(new Object[]{"public", "system", s, "BASE TABLE"});
                    }
                    for (String v : INFO_VIEWS) {
                        rows.add(new Object[]{"public", "information_schema", v, "VIEW"});
                    }
                    return rows;
                }));
        t.add(table("information_schema", "columns",
                "table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR, column_name VARCHAR, "
                        + "ordinal_position UBIGINT, column_default VARCHAR, is_nullable VARCHAR, data_type VARCHAR, "
                        + "character_maximum_length UBIGINT, character_octet_length UBIGINT, numeric_precision UBIGINT, "
                        + "numeric_precision_radix UBIGINT, numeric_scale UBIGINT, datetime_precision UBIGINT, interval_type VARCHAR",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TableSchema ts : db.liveTables()) {
                        long pos = 0;
                        for (ColumnDef c : ts.columnsSortedByName()) {
                            rows.add(new Object[]{"public", "iox", ts.name(), c.name(), BigInteger.valueOf(pos++), null,
                                    c.type() == ColumnType.TIME ? "NO" : "YES", c.type().arrowName(), null, null,
                                    numericPrecision(c.type()), numericRadix(c.type()), null, null, null});
                        }
                    }
                    return rows;
                }));
        t.add(table("information_schema", "schemata",
                "catalog_name VARCHAR, schema_name VARCHAR, schema_owner VARCHAR, default_character_set_catalog VARCHAR, "
                        + "default_character_set_schema VARCHAR, default_character_set_name VARCHAR, sql_path VARCHAR",
                (cat, db) -> List.of(new Object[]{"public", "information_schema", null, null, null, null, null},
                        new Object[]{"public", "iox", null, null, null, null, null},
                        new Object[]{"public", "system", null, null, null, null, null})));
        t.add(table("information_schema", "views",
                "table_catalog VARCHAR, table_schema VARCHAR, table_name VARCHAR, definition VARCHAR",
                (cat, db) -> List.of()));
        t.add(table("information_schema", "df_settings", "name VARCHAR, value VARCHAR, description VARCHAR",
                (cat, db) -> List.of()));
        t.add(table("information_schema", "routines", "specific_catalog VARCHAR, specific_schema VARCHAR, "
                + "specific_name VARCHAR, routine_name VARCHAR, routine_type VARCHAR", (cat, db) -> List.of()));
        t.add(table("information_schema", "parameters", "specific_catalog VARCHAR, specific_schema VARCHAR, "
                + "specific_name VARCHAR, parameter_name VARCHAR, data_type VARCHAR", (cat, db) -> List.of()));

        t.add(table("system", "parquet_files",
                "table_name VARCHAR, path VARCHAR, size_bytes UBIGINT, row_count UBIGINT, min_time BIGINT, max_time BIGINT",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (PersistedFile f : buffer.allFiles()) {
                        if (f.dbId() != db.id()) {
                            continue;
                        }
                        TableSchema ts = db.tableById(f.tableId());
                        rows.add(new Object[]{ts == null ? String.valueOf(f.tableId()) : ts.name(), f.path(),
                                BigInteger.valueOf(f.sizeBytes()), BigInteger.valueOf(f.rowCount()), f.minTime(), f.maxTime()});
                    }
                    return rows;
                }));
        t.add(table("system", "influxdb_schema", "measurement VARCHAR, key VARCHAR, data_type VARCHAR",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TableSchema ts : db.liveTables()) {
                        for (ColumnDef c : ts.columnsSortedByName()) {
                            rows.add(new Object[]{ts.name(), c.name(), c.type().schemaName()});
                        }
                    }
                    return rows;
                }));
        t.add(table("system", "queries", "id VARCHAR, phase VARCHAR, issue_time TIMESTAMP_NS, query_type VARCHAR, "
                        + "query_text VARCHAR, partitions BIGINT, parquet_files BIGINT, plan_duration INTERVAL, "
                        + "permit_duration INTERVAL, execute_duration INTERVAL, end2end_duration INTERVAL, "
                        + "compute_duration INTERVAL, max_memory BIGINT, success BOOLEAN, running BOOLEAN, "
                        + "cancelled BOOLEAN, trace_id VARCHAR",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (QueryLog.Entry e : log.entries()) {
                        rows.add(new Object[]{e.id(), e.phase(), nanosTimestamp(e.issueTimeNanos()), e.queryType(),
                                e.queryText(), null, null, null, null, null,
                                java.time.Duration.ofNanos(e.durationNanos()), null, null, e.success(), false, false, null});
                    }
                    return rows;
                }));
        t.add(table("system", "last_caches", "\"table\" VARCHAR, name VARCHAR, key_column_ids USMALLINT[], "
                + "key_column_names VARCHAR[], value_column_ids USMALLINT[], value_column_names VARCHAR[], "
                + "count UBIGINT, ttl UBIGINT", (cat, db) -> List.of()));
        t.add(table("system", "distinct_caches", "\"table\" VARCHAR, name VARCHAR, column_ids USMALLINT[], "
                + "column_names VARCHAR[], max_cardinality UBIGINT, max_age_seconds UBIGINT", (cat, db) -> List.of()));

        t.add(internal("tokens", withoutAuth
                        ? "token_id UBIGINT, name VARCHAR, created_at TIMESTAMP_MS, description VARCHAR, "
                        + "created_by_token_id UBIGINT, updated_at TIMESTAMP_MS, updated_by_token_id UBIGINT, "
                        + "expiry TIMESTAMP_MS, permissions VARCHAR"
                        : "token_id UBIGINT, name VARCHAR, hash VARCHAR, created_at TIMESTAMP_MS, description VARCHAR, "
                        + "created_by_token_id UBIGINT, updated_at TIMESTAMP_MS, updated_by_token_id UBIGINT, "
                        + "expiry TIMESTAMP_MS, permissions VARCHAR",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (TokenInfo tok : cat.tokens()) {
                        List<Object> r = new ArrayList<>();
                        r.add(BigInteger.valueOf(tok.id()));
                        r.add(tok.name());
                        if (!withoutAuth) {
                            r.add(tok.sha512Hex().substring(0, 9));
                        }
                        r.add(millisTimestamp(tok.createdAtMillis()));
                        r.add(null);
                        r.add(null);
                        r.add(tok.updatedAtMillis() == null ? null : millisTimestamp(tok.updatedAtMillis()));
                        r.add(null);
                        r.add(tok.expiryMillis() == null ? null : millisTimestamp(tok.expiryMillis()));
                        r.add("*:*:*");
                        rows.add(r.toArray());
                    }
                    return rows;
                }));
        t.add(internal("databases", "database_name VARCHAR, retention_period_ns UBIGINT, deleted BOOLEAN, "
                        + "hard_deletion_time TIMESTAMP_S",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (DatabaseSchema d : cat.databases().values()) {
                        rows.add(new Object[]{d.name(), d.retentionNanos() == null ? null : BigInteger.valueOf(d.retentionNanos()),
                                d.deleted(), d.hardDeleteAtMillis() == null ? null : millisTimestamp(d.hardDeleteAtMillis())});
                    }
                    return rows;
                }));
        t.add(internal("tables", "database_name VARCHAR, table_name VARCHAR, column_count UBIGINT, "
                        + "series_key_columns VARCHAR, last_cache_count UBIGINT, distinct_cache_count UBIGINT, "
                        + "deleted BOOLEAN, hard_deletion_time TIMESTAMP_S",
                (cat, db) -> {
                    List<Object[]> rows = new ArrayList<>();
                    for (DatabaseSchema d : cat.databases().values()) {
                        for (TableSchema ts : d.tables().values()) {
                            StringBuilder key = new StringBuilder();
                            for (ColumnDef c : ts.seriesKeyColumns()) {
                                if (key.length() > 0) {
                                    key.append(',');
                                }
                                key.append(c.name());
                            }
                            rows.add(new Object[]{d.name(), ts.name(), BigInteger.valueOf(ts.columns().size()),
                                    key.toString(), BigInteger.ZERO, BigInteger.ZERO, ts.deleted(),
                                    ts.hardDeleteAtMillis() == null ? null : millisTimestamp(ts.hardDeleteAtMillis())});
                        }
                    }
                    return rows;
                }));
        t.add(internal("generation_durations", "level UTINYINT, duration_seconds UBIGINT",
                (cat, db) -> List.<Object[]>of(new Object[]{1, BigInteger.valueOf(cat.gen1DurationNanos() / 1_000_000_000L)})));
        return t;
    }

    private static Object numericPrecision(ColumnType type) {
        return switch (type) {
            case FLOAT -> BigInteger.valueOf(53);
            case INTEGER, UINTEGER -> BigInteger.valueOf(64);
            default -> null;
        };
    }

    private static Object numericRadix(ColumnType type) {
        return switch (type) {
            case FLOAT, INTEGER, UINTEGER -> BigInteger.TWO;
            default -> null;
        };
    }

    static Timestamp nanosTimestamp(long nanos) {
        Timestamp ts = Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
        return ts;
    }

    static Timestamp millisTimestamp(long millis) {
        return Timestamp.from(Instant.ofEpochMilli(millis));
    }

    private static SystemTable table(String schema, String name, String ddl,
                                     BiFunction<CatalogSnapshot, DatabaseSchema, List<Object[]>> rows) {
        return new SystemTable() {
            @Override
            public String schema() {
                return schema;
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String columnsDdl() {
                return ddl;
            }

            @Override
            public List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db) {
                return rows.apply(catalog, db);
            }
        };
    }

    private static SystemTable internal(String name, String ddl,
                                        BiFunction<CatalogSnapshot, DatabaseSchema, List<Object[]>> rows) {
        SystemTable base = table("system", name, ddl, rows);
        return new SystemTable() {
            @Override
            public String schema() {
                return "system";
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String columnsDdl() {
                return base.columnsDdl();
            }

            @Override
            public boolean internalOnly() {
                return true;
            }

            @Override
            public List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db) {
                return base.rows(catalog, db);
            }
        };
    }
}
