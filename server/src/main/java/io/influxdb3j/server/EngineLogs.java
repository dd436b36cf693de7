package io.influxdb3j.server;

import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TriggerDef;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.engine.PluginLogSink;
import io.influxdb3j.query.SystemTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugin log lines: to the server log and, the last {@value #CAPACITY}, to
 * {@code system.processing_engine_logs}; also the trigger system tables of spec §4.11.
 */
final class EngineLogs implements PluginLogSink {
    private static final Logger LOG = LoggerFactory.getLogger("io.influxdb3j.engine.plugins");
    static final int CAPACITY = 10_000;

    private record Entry(long timeNanos, String trigger, String level, String text) {
    }

    private final TimeProvider time;
    private final Deque<Entry> entries = new ArrayDeque<>();

    EngineLogs(TimeProvider time) {
        this.time = time;
    }

    @Override
    public void log(String trigger, String level, String text) {
        switch (level) {
            case "ERROR" -> LOG.error("[{}] {}", trigger, text);
            case "WARN" -> LOG.warn("[{}] {}", trigger, text);
            default -> LOG.info("[{}] {}", trigger, text);
        }
        record(trigger, level, text);
    }

    /** The engine's start and finish lines: to the table as usual, to the server log at debug level. */
    @Override
    public void routine(String trigger, String level, String text) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("[{}] {}", trigger, text);
        }
        record(trigger, level, text);
    }

    private void record(String trigger, String level, String text) {
        Entry entry = new Entry(time.nowNanos(), trigger, level, text);
        synchronized (entries) {
            if (entries.size() >= CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    List<SystemTable> systemTables() {
        return List.of(
                table("processing_engine_logs", "event_time TIMESTAMP_NS, trigger_name VARCHAR, log_level VARCHAR, log_text VARCHAR",
                        (cat, db) -> {
                            Set<String> names = cat.triggers(db.id()).stream().map(TriggerDef::name).collect(Collectors.toSet());
                            List<Object[]> rows = new ArrayList<>();
                            synchronized (entries) {
                                for (Entry e : entries) {
                                    if (names.contains(e.trigger())) {
                                        rows.add(new Object[]{timestamp(e.timeNanos()), e.trigger(), e.level(), e.text()});
                                    }
                                }
                            }
                            return rows;
                        }),
                table("processing_engine_triggers", "trigger_name VARCHAR, plugin_filename VARCHAR, "
                                + "trigger_specification VARCHAR, disabled BOOLEAN, error_behavior VARCHAR",
                        (cat, db) -> cat.triggers(db.id()).stream().map(t -> new Object[]{t.name(), t.pluginFilename(),
                                t.specification(), t.disabled(), t.errorBehavior()}).toList()),
                table("processing_engine_trigger_arguments", "trigger_name VARCHAR, argument_key VARCHAR, argument_value VARCHAR",
                        (cat, db) -> {
                            List<Object[]> rows = new ArrayList<>();
                            for (TriggerDef t : cat.triggers(db.id())) {
                                if (t.arguments() != null) {
                                    for (Map.Entry<String, String> a : new java.util.TreeMap<>(t.arguments()).entrySet()) {
                                        rows.add(new Object[]{t.name(), a.getKey(), a.getValue()});
                                    }
                                }
                            }
                            return rows;
                        }));
    }

    private static Timestamp timestamp(long nanos) {
        return Timestamp.from(Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
    }

    private interface Rows {
        List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db);
    }

    private static SystemTable table(String name, String ddl, Rows rows) {
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
                return ddl;
            }

            @Override
            public List<Object[]> rows(CatalogSnapshot catalog, DatabaseSchema db) {
                return rows.rows(catalog, db);
            }
        };
    }
}
