package io.influxdb3j.catalog;

import java.util.List;
import java.util.Map;

/** One immutable version of the whole catalog. {@code sequence} grows by one with every change. */
public record CatalogSnapshot(long sequence, String catalogUuid, String nodeId, long gen1DurationNanos,
                              Map<String, DatabaseSchema> databases, int nextDatabaseId,
                              List<TokenInfo> tokens, long nextTokenId, List<TriggerDef> triggers) {
    public CatalogSnapshot {
        databases = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(databases));
        tokens = List.copyOf(tokens);
        // Catalog files written before triggers existed have none.
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
    }

    public CatalogSnapshot(long sequence, String catalogUuid, String nodeId, long gen1DurationNanos,
                           Map<String, DatabaseSchema> databases, int nextDatabaseId, List<TokenInfo> tokens, long nextTokenId) {
        this(sequence, catalogUuid, nodeId, gen1DurationNanos, databases, nextDatabaseId, tokens, nextTokenId, List.of());
    }

    /** Triggers of one database, by name order. */
    public List<TriggerDef> triggers(int dbId) {
        return triggers.stream().filter(t -> t.dbId() == dbId)
                .sorted(java.util.Comparator.comparing(TriggerDef::name)).toList();
    }

    public TriggerDef trigger(int dbId, String name) {
        for (TriggerDef t : triggers) {
            if (t.dbId() == dbId && t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** A live (not soft-deleted) database by name, or null. */
    public DatabaseSchema database(String name) {
        DatabaseSchema db = databases.get(name);
        return db == null || db.deleted() ? null : db;
    }

    public DatabaseSchema databaseById(int id) {
        for (DatabaseSchema db : databases.values()) {
            if (db.id() == id) {
                return db;
            }
        }
        return null;
    }

    public TokenInfo tokenByName(String name) {
        for (TokenInfo t : tokens) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public TokenInfo tokenByHash(String sha512Hex) {
        for (TokenInfo t : tokens) {
            if (t.sha512Hex().equals(sha512Hex)) {
                return t;
            }
        }
        return null;
    }
}
