package io.influxdb3j.catalog;

import io.influxdb3j.common.ColumnType;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The catalog. Reads go to {@link #snapshot()} (lock-free, immutable). Every mutation runs under
 * this object's lock: it builds the next snapshot, writes it to the object store as
 * {@code {node}/catalog/v1/{sequence:020}.json} with create-if-absent (durable when that returns),
 * then publishes it and tells listeners. A mutation that fails to persist changes nothing.
 */
public final class Catalog {
    public static final String INTERNAL_DB = "_internal";
    public static final String OPERATOR_TOKEN_NAME = "_admin";
    private static final long INTERNAL_RETENTION_NANOS = Duration.ofDays(7).toNanos();
    private static final int FILES_TO_KEEP = 10;
    private static final DateTimeFormatter DELETED_SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ObjectStore store;
    private final String prefix;
    private final CatalogLimits limits;
    private final TimeProvider time;
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<CatalogSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private volatile CatalogSnapshot current;

    private Catalog(ObjectStore store, String nodeId, CatalogLimits limits, TimeProvider time, CatalogSnapshot initial) {
        this.store = store;
        this.prefix = nodeId + "/catalog/v1/";
        this.limits = limits;
        this.time = time;
        this.current = initial;
    }

    /**
     * Loads the newest catalog file of this node, or creates a new catalog (with a fresh UUID and the
     * {@code _internal} database). The gen1 duration is fixed by the first start; a different value
     * later is ignored (the caller logs a warning when {@link #gen1DurationNanos()} differs).
     */
    public static Catalog loadOrCreate(ObjectStore store, String nodeId, CatalogLimits limits, long gen1DurationNanos,
                                       TimeProvider time) {
        String prefix = nodeId + "/catalog/v1/";
        List<ObjectStore.ObjectMeta> files = store.list(prefix);
        CatalogSnapshot loaded = null;
        for (int i = files.size() - 1; i >= 0 && loaded == null; i--) {
            String path = files.get(i).path();
            if (!path.endsWith(".json")) {
                continue;
            }
            byte[] bytes = store.get(path).orElse(null);
            if (bytes != null) {
                loaded = CatalogCodec.decode(path, bytes);
            }
        }
        if (loaded != null) {
            return new Catalog(store, nodeId, limits, time, loaded);
        }
        CatalogSnapshot empty = new CatalogSnapshot(0, UUID.randomUUID().toString(), nodeId, gen1DurationNanos,
                Map.of(), 0, List.of(), 0);
        Catalog catalog = new Catalog(store, nodeId, limits, time, empty);
        catalog.mutate(s -> catalog.withNewDatabase(s, INTERNAL_DB, INTERNAL_RETENTION_NANOS));
        return catalog;
    }

    public CatalogSnapshot snapshot() {
        return current;
    }

    public long gen1DurationNanos() {
        return current.gen1DurationNanos();
    }

    public CatalogLimits limits() {
        return limits;
    }

    /** Called after each published change, under the catalog lock, with the new snapshot. */
    public void addListener(Consumer<CatalogSnapshot> listener) {
        listeners.add(listener);
    }

    // ---------------------------------------------------------------- databases

    public synchronized DatabaseSchema createDatabase(String name, Long retentionNanos) {
        NameRules.validateDatabaseName(name);
        // A soft-deleted database keeps its (renamed) entry under this name until it is forgotten;
        // creating over it would lose the record of files still waiting for their hard delete.
        if (current.databases().containsKey(name)) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "attempted to create a resource that already exists");
        }
        checkDatabaseLimit(current);
        mutate(s -> withNewDatabase(s, name, retentionNanos));
        return current.database(name);
    }

    /** The database for a write: existing, or created now (name validated, limit enforced). */
    public DatabaseSchema databaseForWrite(String name) {
        DatabaseSchema db = current.database(name);
        if (db != null) {
            return db;
        }
        synchronized (this) {
            db = current.databases().get(name);
            if (db != null) {
                if (db.deleted()) {
                    throw InfluxException.invalid("cannot write to soft-deleted database '" + name
                            + "' - it is marked for deletion");
                }
                return db;
            }
            NameRules.validateDatabaseName(name);
            checkDatabaseLimit(current);
            mutate(s -> withNewDatabase(s, name, null));
            return current.database(name);
        }
    }

    public synchronized void setRetention(String name, Long retentionNanos) {
        DatabaseSchema db = requireDatabase(current, name);
        if (db.isInternal()) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot modify internal db");
        }
        mutate(s -> withDatabase(s, new DatabaseSchema(db.id(), db.name(), retentionNanos, db.deleted(),
                db.hardDeleteAtMillis(), db.tables(), db.nextTableId())));
    }

    /**
     * Soft-deletes a database: it is renamed {@code name-YYYYMMDDTHHMMSS} (so the name is free at
     * once) and marked deleted with its tables; {@code hardDeleteAtMillis} (null = never) says when
     * its files go.
     */
    public synchronized DatabaseSchema deleteDatabase(String name, Long hardDeleteAtMillis) {
        DatabaseSchema existing = current.databases().get(name);
        if (existing != null && existing.deleted()) {
            return rescheduleDeletedDatabase(existing, hardDeleteAtMillis);
        }
        DatabaseSchema db = requireDatabase(current, name);
        if (db.isInternal()) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot delete internal db");
        }
        String newName = deletedName(name, current.databases().keySet(), db.id());
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (TableSchema t : db.tables().values()) {
            tables.put(t.name(), new TableSchema(t.id(), t.name(), t.columns(), t.seriesKey(), true,
                    t.deleted() ? t.hardDeleteAtMillis() : hardDeleteAtMillis));
        }
        DatabaseSchema deleted = new DatabaseSchema(db.id(), newName, db.retentionNanos(), true, hardDeleteAtMillis,
                tables, db.nextTableId());
        mutate(s -> {
            Map<String, DatabaseSchema> dbs = new HashMap<>(s.databases());
            dbs.remove(name);
            dbs.put(newName, deleted);
            return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), dbs,
                    s.nextDatabaseId(), s.tokens(), s.nextTokenId(), s.triggers());
        });
        return deleted;
    }

    /**
     * Deleting a soft-deleted database again, by its new name: the same hard-delete time is a
     * conflict (409, as in InfluxDB 3); another time replaces the scheduled one, also for the tables
     * that were deleted with the database.
     */
    private DatabaseSchema rescheduleDeletedDatabase(DatabaseSchema db, Long hardDeleteAtMillis) {
        if (java.util.Objects.equals(db.hardDeleteAtMillis(), hardDeleteAtMillis)) {
            throw new InfluxException(ErrorCode.ALREADY_DELETED,
                    "attempted to modify resource that was already deleted: " + db.name());
        }
        Map<String, TableSchema> tables = new LinkedHashMap<>();
        for (TableSchema t : db.tables().values()) {
            boolean withDb = java.util.Objects.equals(t.hardDeleteAtMillis(), db.hardDeleteAtMillis());
            tables.put(t.name(), withDb ? new TableSchema(t.id(), t.name(), t.columns(), t.seriesKey(), true,
                    hardDeleteAtMillis) : t);
        }
        DatabaseSchema updated = new DatabaseSchema(db.id(), db.name(), db.retentionNanos(), true, hardDeleteAtMillis,
                tables, db.nextTableId());
        mutate(s -> withDatabase(s, updated));
        return updated;
    }

    /** Removes a (soft-deleted) database's entry entirely, after its files are gone. */
    public synchronized void forgetDatabase(int dbId) {
        mutate(s -> {
            Map<String, DatabaseSchema> dbs = new HashMap<>(s.databases());
            dbs.values().removeIf(d -> d.id() == dbId && d.deleted());
            return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), dbs,
                    s.nextDatabaseId(), s.tokens(), s.nextTokenId(), s.triggers());
        });
    }

    // ---------------------------------------------------------------- tables

    /**
     * Creates a table with the given tags (in series-key order) and fields, creating the database if
     * missing. All or nothing: a table that cannot be created whole (type clash, reserved name,
     * limit) is not created at all.
     */
    public synchronized TableSchema createTable(String dbName, String tableName, List<String> tags,
                                                List<ColumnDef> fields) {
        DatabaseSchema db = databaseForWrite(dbName);
        if (db.tables().containsKey(tableName)) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "attempted to create a resource that already exists");
        }
        List<ColumnRequest> requests = new ArrayList<>();
        requests.add(new ColumnRequest(tableName, null, null));
        for (String tag : tags) {
            requests.add(new ColumnRequest(tableName, tag, ColumnType.TAG));
        }
        for (ColumnDef f : fields) {
            requests.add(new ColumnRequest(tableName, f.name(), f.type()));
        }
        SchemaPlan plan = planSchema(current, dbName, requests);
        if (!plan.rejected().isEmpty()) {
            String msg = plan.rejected().values().iterator().next();
            throw new InfluxException(msg.startsWith("Update to schema would exceed") ? ErrorCode.LIMIT_EXCEEDED
                    : ErrorCode.INVALID_ARGUMENT, msg);
        }
        mutate(s -> withDatabase(s, plan.database()));
        return current.database(dbName).table(tableName);
    }

    public synchronized TableSchema deleteTable(String dbName, String tableName, Long hardDeleteAtMillis) {
        DatabaseSchema db = requireDatabase(current, dbName);
        TableSchema existing = db.tables().get(tableName);
        if (existing != null && existing.deleted()) {
            // deleting the renamed table again: same time is a conflict, another time reschedules
            if (java.util.Objects.equals(existing.hardDeleteAtMillis(), hardDeleteAtMillis)) {
                throw new InfluxException(ErrorCode.ALREADY_DELETED,
                        "attempted to modify resource that was already deleted: " + tableName);
            }
            TableSchema rescheduled = new TableSchema(existing.id(), existing.name(), existing.columns(),
                    existing.seriesKey(), true, hardDeleteAtMillis);
            Map<String, TableSchema> tables = new HashMap<>(db.tables());
            tables.put(tableName, rescheduled);
            mutate(s -> withDatabase(s, new DatabaseSchema(db.id(), db.name(), db.retentionNanos(), db.deleted(),
                    db.hardDeleteAtMillis(), tables, db.nextTableId())));
            return rescheduled;
        }
        TableSchema t = db.table(tableName);
        if (t == null) {
            throw InfluxException.notFound("table not found: " + tableName);
        }
        String newName = deletedName(tableName, db.tables().keySet(), t.id());
        Map<String, TableSchema> tables = new HashMap<>(db.tables());
        tables.remove(tableName);
        tables.put(newName, new TableSchema(t.id(), newName, t.columns(), t.seriesKey(), true, hardDeleteAtMillis));
        mutate(s -> withDatabase(s, new DatabaseSchema(db.id(), db.name(), db.retentionNanos(), db.deleted(),
                db.hardDeleteAtMillis(), tables, db.nextTableId())));
        return t;
    }

    /**
     * Makes sure every requested table and column exists in the database (which must exist).
     * Requests are applied in order; one that conflicts with an existing column type, uses a
     * reserved name or would pass a limit is skipped and reported in {@link SchemaUpdate#rejected()}.
     * A request with a null column only creates the table.
     */
    public SchemaUpdate ensureSchema(String dbName, List<ColumnRequest> requests) {
        return ensureSchema(dbName, requests, false);
    }

    /**
     * As {@link #ensureSchema(String, List)}; with {@code allOrNothing} (writes with
     * {@code accept_partial=false}) a single refused request means nothing is committed, and the
     * result says so (see {@link SchemaUpdate#committed()}).
     */
    public SchemaUpdate ensureSchema(String dbName, List<ColumnRequest> requests, boolean allOrNothing) {
        synchronized (this) {
            SchemaPlan plan = planSchema(current, dbName, requests);
            if (allOrNothing && !plan.rejected().isEmpty()) {
                CatalogSnapshot wouldBe = plan.database() == null ? current : withDatabase(current, plan.database());
                return new SchemaUpdate(wouldBe, plan.rejected(), false);
            }
            if (plan.database() != null) {
                mutate(s -> withDatabase(s, plan.database()));
            }
            return new SchemaUpdate(current, plan.rejected(), true);
        }
    }

    /** The database after applying {@code requests} (null if nothing changes) and the requests that were refused. */
    private record SchemaPlan(DatabaseSchema database, Map<String, String> rejected) {
    }

    private SchemaPlan planSchema(CatalogSnapshot before, String dbName, List<ColumnRequest> requests) {
        Map<String, String> rejected = new LinkedHashMap<>();
        DatabaseSchema db = requireDatabase(before, dbName);
        Map<String, TableSchema> tables = new HashMap<>(db.tables());
        int nextTableId = db.nextTableId();
        int liveTables = countLiveTables(before);
        boolean changed = false;
        for (ColumnRequest r : requests) {
            TableSchema t = tables.get(r.tableName());
            if (rejected.containsKey(SchemaUpdate.key(r.tableName(), null))) {
                continue;
            }
            if (t != null && t.deleted()) {
                // Only a soft-deleted table's new name can be taken by a deleted table: keep its
                // entry (its files still await the hard delete) and refuse to write to it.
                rejected.put(SchemaUpdate.key(r.tableName(), null), "cannot write to soft-deleted table '"
                        + r.tableName() + "' - it is marked for deletion");
                continue;
            }
            if (t == null) {
                if (liveTables >= limits.maxTables()) {
                    rejected.put(SchemaUpdate.key(r.tableName(), null),
                            "Update to schema would exceed number of tables limit: attempted to create table but already have "
                                    + liveTables + " table(s) (limit: " + limits.maxTables() + ")");
                    continue;
                }
                t = TableSchema.create(nextTableId++, r.tableName());
                liveTables++;
                tables.put(t.name(), t);
                changed = true;
            }
            if (r.columnName() == null) {
                continue;
            }
            ColumnDef existing = t.column(r.columnName());
            if (existing != null) {
                if (existing.type() != r.type()) {
                    rejected.put(SchemaUpdate.key(r.tableName(), r.columnName()),
                            "invalid column type for column '" + r.columnName() + "', expected "
                                    + existing.type().ioxName() + ", got " + r.type().ioxName());
                }
                continue;
            }
            if (r.columnName().equals("time") || r.columnName().equals("__chunk_order")) {
                rejected.put(SchemaUpdate.key(r.tableName(), r.columnName()), "'" + r.columnName() + "' is a reserved column");
                continue;
            }
            if (t.userColumnCount() >= limits.maxColumnsPerTable()) {
                rejected.put(SchemaUpdate.key(r.tableName(), r.columnName()),
                        "Update to schema would exceed number of columns per table limit of "
                                + limits.maxColumnsPerTable() + " columns");
                continue;
            }
            List<ColumnDef> cols = new ArrayList<>(t.columns());
            ColumnDef added = new ColumnDef(cols.size(), r.columnName(), r.type());
            cols.add(added);
            List<Integer> seriesKey = t.seriesKey();
            if (r.type() == ColumnType.TAG) {
                seriesKey = new ArrayList<>(seriesKey);
                seriesKey.add(added.id());
            }
            t = t.withColumns(cols, seriesKey);
            tables.put(t.name(), t);
            changed = true;
        }
        DatabaseSchema newDb = changed ? new DatabaseSchema(db.id(), db.name(), db.retentionNanos(), db.deleted(),
                db.hardDeleteAtMillis(), tables, nextTableId) : null;
        return new SchemaPlan(newDb, rejected);
    }

    // ---------------------------------------------------------------- triggers

    /** Stores a new trigger of {@code dbName}; the name must be unique in the database. */
    public synchronized TriggerDef createTrigger(String dbName, String name, String pluginFilename, String specification,
                                                 Map<String, String> arguments, boolean runAsync, String errorBehavior,
                                                 boolean disabled) {
        return createTrigger(dbName, name, pluginFilename, specification, arguments, runAsync, errorBehavior, disabled,
                null, null);
    }

    /** Creates a trigger with the settings beyond Core: a time limit per call (null = server default) and the interpreter. */
    public synchronized TriggerDef createTrigger(String dbName, String name, String pluginFilename, String specification,
                                                 Map<String, String> arguments, boolean runAsync, String errorBehavior,
                                                 boolean disabled, Long timeLimitMillis, String interpreter) {
        DatabaseSchema db = requireDatabase(current, dbName);
        if (name == null || name.isBlank()) {
            throw InfluxException.invalid("trigger name cannot be empty");
        }
        if (current.trigger(db.id(), name) != null) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "attempted to create a resource that already exists");
        }
        TriggerDef t = new TriggerDef(db.id(), name, pluginFilename, specification, arguments, runAsync, errorBehavior,
                disabled, timeLimitMillis, interpreter);
        mutate(s -> withTriggers(s, append(s.triggers(), t)));
        return t;
    }

    /** Enables or disables a trigger; returns false when it already was in that state (nothing changes). */
    public synchronized boolean setTriggerDisabled(String dbName, String name, boolean disabled) {
        DatabaseSchema db = requireDatabase(current, dbName);
        TriggerDef t = requireTrigger(db, name);
        if (t.disabled() == disabled) {
            return false;
        }
        List<TriggerDef> triggers = new ArrayList<>(current.triggers());
        triggers.replaceAll(x -> x == t ? t.withDisabled(disabled) : x);
        mutate(s -> withTriggers(s, triggers));
        return true;
    }

    /** Deletes a trigger; an enabled one only with {@code force}. */
    public synchronized TriggerDef deleteTrigger(String dbName, String name, boolean force) {
        DatabaseSchema db = requireDatabase(current, dbName);
        TriggerDef t = requireTrigger(db, name);
        if (!t.disabled() && !force) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "trigger '" + name
                    + "' is running: disable it first or delete with force");
        }
        List<TriggerDef> triggers = new ArrayList<>(current.triggers());
        triggers.remove(t);
        mutate(s -> withTriggers(s, triggers));
        return t;
    }

    private TriggerDef requireTrigger(DatabaseSchema db, String name) {
        TriggerDef t = current.trigger(db.id(), name);
        if (t == null) {
            throw InfluxException.notFound("trigger not found: " + name);
        }
        return t;
    }

    private static CatalogSnapshot withTriggers(CatalogSnapshot s, List<TriggerDef> triggers) {
        return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), s.databases(),
                s.nextDatabaseId(), s.tokens(), s.nextTokenId(), triggers);
    }

    // ---------------------------------------------------------------- tokens

    /** A freshly minted token: the secret (shown once) and what is stored. */
    public record NewToken(String secret, TokenInfo info) {
    }

    public synchronized NewToken createOperatorToken() {
        if (current.tokenByName(OPERATOR_TOKEN_NAME) != null) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "token name already exists, " + OPERATOR_TOKEN_NAME);
        }
        return addToken(OPERATOR_TOKEN_NAME, null);
    }

    public synchronized NewToken createNamedAdminToken(String name, Long expiryMillis) {
        if (name == null || name.isBlank()) {
            throw InfluxException.invalid("token name cannot be empty");
        }
        if (current.tokenByName(name) != null) {
            throw new InfluxException(ErrorCode.ALREADY_EXISTS, "token name already exists, " + name);
        }
        return addToken(name, expiryMillis);
    }

    /** Registers a token whose secret the operator supplied (e.g. from {@code --admin-token-file}). */
    public synchronized TokenInfo importToken(String name, String secret, Long expiryMillis) {
        if (current.tokenByName(name) != null) {
            return null;
        }
        TokenInfo info = new TokenInfo(current.nextTokenId(), name, sha512Hex(secret), time.nowMillis(), null, expiryMillis);
        mutate(s -> withTokens(s, append(s.tokens(), info), s.nextTokenId() + 1));
        return info;
    }

    public synchronized NewToken regenerateOperatorToken() {
        TokenInfo old = current.tokenByName(OPERATOR_TOKEN_NAME);
        if (old == null) {
            throw new InfluxException(ErrorCode.INTERNAL, "missing admin token, cannot update");
        }
        String secret = newSecret();
        TokenInfo info = new TokenInfo(old.id(), old.name(), sha512Hex(secret), old.createdAtMillis(), time.nowMillis(), old.expiryMillis());
        List<TokenInfo> tokens = new ArrayList<>(current.tokens());
        tokens.replaceAll(t -> t.id() == old.id() ? info : t);
        mutate(s -> withTokens(s, tokens, s.nextTokenId()));
        return new NewToken(secret, info);
    }

    public synchronized void deleteToken(String name) {
        TokenInfo t = current.tokenByName(name);
        if (t == null) {
            throw InfluxException.notFound("the requested resource was not found: " + name);
        }
        if (t.isOperator()) {
            throw new InfluxException(ErrorCode.NOT_IMPLEMENTED, "cannot delete operator token");
        }
        List<TokenInfo> tokens = new ArrayList<>(current.tokens());
        tokens.removeIf(x -> x.id() == t.id());
        mutate(s -> withTokens(s, tokens, s.nextTokenId()));
    }

    /** The stored token matching a presented secret, if it exists and has not expired. */
    public TokenInfo authenticate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        TokenInfo t = current.tokenByHash(sha512Hex(secret));
        if (t == null) {
            return null;
        }
        if (t.expiryMillis() != null && t.expiryMillis() <= time.nowMillis()) {
            return null;
        }
        return t;
    }

    public static String sha512Hex(String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-512");
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private NewToken addToken(String name, Long expiryMillis) {
        String secret = newSecret();
        TokenInfo info = new TokenInfo(current.nextTokenId(), name, sha512Hex(secret), time.nowMillis(), null, expiryMillis);
        mutate(s -> withTokens(s, append(s.tokens(), info), s.nextTokenId() + 1));
        return new NewToken(secret, info);
    }

    private String newSecret() {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        return "apiv3_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---------------------------------------------------------------- internals

    private void mutate(UnaryOperator<CatalogSnapshot> change) {
        synchronized (this) {
            CatalogSnapshot before = current;
            CatalogSnapshot changed = change.apply(before);
            CatalogSnapshot next = new CatalogSnapshot(before.sequence() + 1, changed.catalogUuid(), changed.nodeId(),
                    changed.gen1DurationNanos(), changed.databases(), changed.nextDatabaseId(), changed.tokens(),
                    changed.nextTokenId(), changed.triggers());
            String path = prefix + String.format("%020d", next.sequence()) + ".json";
            if (!store.putIfAbsent(path, CatalogCodec.encode(next))) {
                throw new InfluxException(ErrorCode.INTERNAL, "catalog file " + path
                        + " already exists: another server is writing this node's catalog");
            }
            current = next;
            long oldest = next.sequence() - FILES_TO_KEEP;
            if (oldest > 0) {
                store.delete(prefix + String.format("%020d", oldest) + ".json");
            }
            for (Consumer<CatalogSnapshot> l : listeners) {
                l.accept(next);
            }
        }
    }

    private CatalogSnapshot withNewDatabase(CatalogSnapshot s, String name, Long retentionNanos) {
        Map<String, DatabaseSchema> dbs = new HashMap<>(s.databases());
        dbs.put(name, new DatabaseSchema(s.nextDatabaseId(), name, retentionNanos, false, null, Map.of(), 0));
        return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), dbs,
                s.nextDatabaseId() + 1, s.tokens(), s.nextTokenId(), s.triggers());
    }

    private static CatalogSnapshot withDatabase(CatalogSnapshot s, DatabaseSchema db) {
        Map<String, DatabaseSchema> dbs = new HashMap<>(s.databases());
        dbs.put(db.name(), db);
        return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), dbs,
                s.nextDatabaseId(), s.tokens(), s.nextTokenId(), s.triggers());
    }

    private static CatalogSnapshot withTokens(CatalogSnapshot s, List<TokenInfo> tokens, long nextTokenId) {
        return new CatalogSnapshot(s.sequence(), s.catalogUuid(), s.nodeId(), s.gen1DurationNanos(), s.databases(),
                s.nextDatabaseId(), tokens, nextTokenId, s.triggers());
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    private void checkDatabaseLimit(CatalogSnapshot s) {
        long live = s.databases().values().stream().filter(d -> !d.deleted() && !d.isInternal()).count();
        if (live >= limits.maxDatabases()) {
            throw new InfluxException(ErrorCode.LIMIT_EXCEEDED,
                    "Adding a new database would exceed limit of " + limits.maxDatabases() + " databases");
        }
    }

    private static int countLiveTables(CatalogSnapshot s) {
        int n = 0;
        for (DatabaseSchema db : s.databases().values()) {
            if (!db.deleted()) {
                n += (int) db.tables().values().stream().filter(t -> !t.deleted()).count();
            }
        }
        return n;
    }

    private static DatabaseSchema requireDatabase(CatalogSnapshot s, String name) {
        DatabaseSchema db = s.database(name);
        if (db == null) {
            throw InfluxException.notFound("database not found: " + name);
        }
        return db;
    }

    private String deletedName(String name, java.util.Set<String> taken, int id) {
        String candidate = name + "-" + DELETED_SUFFIX.format(java.time.Instant.ofEpochMilli(time.nowMillis()));
        if (taken.contains(candidate)) {
            candidate = candidate + "-" + id;
        }
        return candidate;
    }
}
