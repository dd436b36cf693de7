package io.influxdb3j.engine;

import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.query.api.QueryRequest;
import io.influxdb3j.query.api.QueryLanguage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Java state of one plugin call, which the {@code influxdb3_local} object reaches through the
 * host module by the call's id: log lines, captured writes, and the services the call may use.
 *
 * <p>Its methods run on the plugin's thread with the GIL released. A plugin may start threads that
 * use {@code influxdb3_local}, so the collections are guarded by this object's lock.
 */
final class PluginInvocation {
    private final String trigger;
    private final String database;
    private final boolean dryRun;
    private final PluginLogSink logSink;
    private final PluginWriteSink writeSink;
    private final QueryExecutor queryExecutor;
    private final TimeProvider time;
    private final List<PluginLogLine> logLines = new ArrayList<>();
    private final Map<String, List<String>> syncWrites = new LinkedHashMap<>();
    private final Map<String, List<String>> bufferedWrites = new LinkedHashMap<>();

    PluginInvocation(String trigger, String database, boolean dryRun, PluginLogSink logSink,
            PluginWriteSink writeSink, QueryExecutor queryExecutor, TimeProvider time) {
        this.trigger = trigger;
        this.database = database;
        this.dryRun = dryRun;
        this.logSink = logSink;
        this.writeSink = writeSink;
        this.queryExecutor = queryExecutor;
        this.time = time;
    }

    String trigger() {
        return trigger;
    }

    long nowNanos() {
        return time.nowNanos();
    }

    void log(String level, String text) {
        synchronized (this) {
            logLines.add(new PluginLogLine(level, text));
        }
        if (!dryRun) {
            logSink.log(trigger, level, text);
        }
    }

    /** The engine's start and finish lines; see {@link PluginLogSink#routine}. */
    void routine(String level, String text) {
        synchronized (this) {
            logLines.add(new PluginLogLine(level, text));
        }
        if (!dryRun) {
            logSink.routine(trigger, level, text);
        }
    }

    synchronized List<PluginLogLine> logLines() {
        return List.copyOf(logLines);
    }

    /**
     * A write from the plugin. Returns null, or for a synchronous write that failed the message the
     * plugin gets as {@code Exception}.
     */
    String write(String targetDatabase, String text, boolean sync) {
        String db = targetDatabase == null ? database : targetDatabase;
        LineValidation validation = LineValidation.of(text);
        if (!sync || dryRun) {
            synchronized (this) {
                (sync ? syncWrites : bufferedWrites).computeIfAbsent(db, k -> new ArrayList<>())
                        .addAll(validation.lines());
            }
            return null;
        }
        if (db.isEmpty()) {
            return "error writing line protocol to " + db + ": invalid database name: the name is empty";
        }
        if (!validation.errors().isEmpty()) {
            return "error writing line protocol to " + db + ": line protocol parse error: "
                    + LineValidation.describe(validation.errors().get(0));
        }
        try {
            writeSink.write(db, validation.lines(), true);
        } catch (RuntimeException e) {
            return "error writing line protocol to " + db + ": " + e.getMessage();
        }
        synchronized (this) {
            syncWrites.computeIfAbsent(db, k -> new ArrayList<>()).addAll(validation.lines());
        }
        return null;
    }

    /** Synchronous writes first, then buffered ones, grouped by database. */
    synchronized Map<String, List<String>> allWrites() {
        Map<String, List<String>> all = new LinkedHashMap<>();
        syncWrites.forEach((db, lines) -> all.computeIfAbsent(db, k -> new ArrayList<>()).addAll(lines));
        bufferedWrites.forEach((db, lines) -> all.computeIfAbsent(db, k -> new ArrayList<>()).addAll(lines));
        all.replaceAll((db, lines) -> List.copyOf(lines));
        return all;
    }

    synchronized Map<String, List<String>> bufferedWrites() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        bufferedWrites.forEach((db, lines) -> copy.put(db, List.copyOf(lines)));
        return copy;
    }

    synchronized Map<String, List<String>> syncWrites() {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        syncWrites.forEach((db, lines) -> copy.put(db, List.copyOf(lines)));
        return copy;
    }

    /** Rows as a list of maps, or {@code [exception type, message]} for the plugin to raise. */
    Object query(String sql, Map<String, Object> args, String targetDatabase) {
        String db = targetDatabase == null ? database : targetDatabase;
        if (db.isEmpty()) {
            return new Object[] {"QueryError", "invalid database name provided: the name is empty"};
        }
        if (queryExecutor == null) {
            return new Object[] {"QueryError", "error: no query executor is configured executing query on "
                    + db + ": " + sql};
        }
        Map<String, Object> params = args == null ? Map.of() : args;
        try {
            return queryExecutor.query(new QueryRequest(db, sql, params, QueryLanguage.SQL), rows -> {
                try {
                    return (Object) QueryRows.read(rows);
                } catch (QueryRows.UnsupportedTypeException unsupported) {
                    return new Object[] {"ValueError", unsupported.getMessage()};
                }
            });
        } catch (RuntimeException e) {
            return new Object[] {"QueryError", "error: " + e.getMessage() + " executing query on " + db + ": " + sql};
        }
    }
}
