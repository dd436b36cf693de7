package io.influxdb3j.engine;

import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.python.PythonException;
import io.influxdb3j.python.PythonInterpreter;
import io.influxdb3j.python.PythonRuntime;
import io.influxdb3j.python.SubInterpreter;
import io.influxdb3j.query.api.QueryExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Runs one plugin call: builds the entry point's arguments and the {@code influxdb3_local} object,
 * loads and calls the plugin under a time limit, and applies its writes.
 *
 * <p>Order of a call: the start line is logged; the plugin's code is loaded (a single file runs in
 * fresh globals, a directory is imported as a package) and its entry point looked up; the entry point
 * is called with positional arguments; for request plugins the return value becomes a
 * {@link PluginResponse}. {@code write_sync*} lines reach the {@link PluginWriteSink} during the call;
 * buffered {@code write}/{@code write_to_db} lines are validated and flushed, one sink call per
 * database, only when the call returned normally, and dropped otherwise. The finish line (or the error
 * line) is logged last. Every failure ends up in the returned {@link PluginRunResult}; nothing is
 * thrown for a misbehaving plugin.
 *
 * <p>Threads: call from any platform thread (not a virtual thread: CPython state is per OS thread);
 * calls may run concurrently and interleave at the GIL. The time limit covers loading and the call; a
 * plugin blocked inside a host callback (a query) is interrupted when the callback returns.
 */
public final class PluginRunner implements AutoCloseable {
    private static final DateTimeFormatter SCHEDULED_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    static final String GLOBAL_CACHE = "global";

    private final PluginWriteSink writeSink;
    private final PluginLogSink logSink;
    private final QueryExecutor queryExecutor;
    private final TimeProvider time;
    private final Duration callTimeLimit;
    private final EngineRuntime runtime;
    private final SubInterpreter ownInterpreter; // null: the shared main interpreter

    /**
     * @param queryExecutor runs {@code influxdb3_local.query}; null makes every query raise {@code QueryError}
     * @param callTimeLimit the most one call (load and run) may take before it is interrupted
     */
    public PluginRunner(PluginWriteSink writeSink, PluginLogSink logSink, QueryExecutor queryExecutor,
            TimeProvider time, Duration callTimeLimit) {
        this(writeSink, logSink, queryExecutor, time, callTimeLimit, null);
    }

    /**
     * A runner whose plugins run in a sub-interpreter of their own with its own GIL, named
     * {@code name}, so they run in parallel with every other plugin. Its modules, globals and cache
     * are its own ({@code use_global} reaches only this interpreter's global namespace). Extension
     * modules that refuse sub-interpreters (numpy) fail to import there. {@link #close()} ends it.
     */
    public static PluginRunner isolated(String name, PluginWriteSink writeSink, PluginLogSink logSink,
            QueryExecutor queryExecutor, TimeProvider time, Duration callTimeLimit) {
        SubInterpreter sub = PythonRuntime.get().newSubInterpreter(name);
        try {
            return new PluginRunner(writeSink, logSink, queryExecutor, time, callTimeLimit, sub);
        } catch (RuntimeException e) {
            sub.close();
            throw e;
        }
    }

    private PluginRunner(PluginWriteSink writeSink, PluginLogSink logSink, QueryExecutor queryExecutor,
            TimeProvider time, Duration callTimeLimit, SubInterpreter own) {
        this.writeSink = Objects.requireNonNull(writeSink, "writeSink");
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        this.queryExecutor = queryExecutor;
        this.time = Objects.requireNonNull(time, "time");
        if (callTimeLimit.isNegative() || callTimeLimit.isZero()) {
            throw new IllegalArgumentException("the plugin call time limit must be positive, not " + callTimeLimit);
        }
        this.callTimeLimit = callTimeLimit;
        this.ownInterpreter = own;
        this.runtime = own == null ? EngineRuntime.get() : EngineRuntime.in(own);
    }

    /** The longest one call may run. */
    public Duration callTimeLimit() {
        return callTimeLimit;
    }

    /** Whether plugins run in a sub-interpreter of this runner's own. */
    public boolean isIsolated() {
        return ownInterpreter != null;
    }

    /** Ends this runner's own sub-interpreter, if it has one; the shared interpreter stays. */
    @Override
    public void close() {
        if (ownInterpreter != null) {
            ownInterpreter.close();
        }
    }

    /** Calls {@code process_writes(influxdb3_local, table_batches, args)}. */
    public PluginRunResult runWal(Plugin plugin, String database, List<? extends WalBatch> batches,
            Map<String, String> args) {
        return run(plugin, database, EntryPoint.WAL, null, "invoke_wal",
                Arrays.asList(tableBatches(batches), nullable(args)), productionCache(database, plugin), false);
    }

    /** Calls {@code process_scheduled_call(influxdb3_local, call_time, args)}; call_time is naive local time, whole seconds. */
    public PluginRunResult runSchedule(Plugin plugin, String database, Instant callTime, Map<String, String> args) {
        return run(plugin, database, EntryPoint.SCHEDULE, callTime, "invoke_schedule",
                Arrays.asList(callTime.getEpochSecond(), nullable(args)), productionCache(database, plugin), false);
    }

    /**
     * Calls {@code process_request(influxdb3_local, query_parameters, request_headers, request_body, args)}.
     * Header names are lower-cased and {@code Authorization} is removed, as InfluxDB 3 does. The result's
     * {@link PluginRunResult#response()} is always set: the plugin's response, or a 500 with
     * {@code {"error": ...}}.
     */
    public PluginRunResult runRequest(Plugin plugin, String database, Map<String, String> queryParameters,
            Map<String, String> headers, byte[] body, Map<String, String> args) {
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("authorization")) {
                requestHeaders.put(lower, value);
            }
        });
        return run(plugin, database, EntryPoint.REQUEST, null, "invoke_request",
                Arrays.asList(new LinkedHashMap<>(queryParameters), requestHeaders, body == null ? new byte[0] : body,
                        nullable(args)),
                productionCache(database, plugin), false);
    }

    /** Drops a trigger's own cache namespace, for when the trigger stops (disable, delete, database delete). */
    public void dropTriggerCache(String database, String trigger) {
        runtime.python().call(runtime.module(), "drop_cache_namespace", triggerCache(database, trigger));
    }

    // ---------------------------------------------------------------- shared with PluginTester

    /** Where a call's {@code cache} points: trigger namespace, global namespace, default ttl (null: none). */
    record CacheSpec(String localNamespace, String globalNamespace, Double defaultTtlSeconds) {
        List<Object> toPython() {
            return Arrays.asList(localNamespace, globalNamespace, defaultTtlSeconds);
        }
    }

    private static CacheSpec productionCache(String database, Plugin plugin) {
        return new CacheSpec(triggerCache(database, plugin.triggerName()), GLOBAL_CACHE, null);
    }

    private static String triggerCache(String database, String trigger) {
        return "trigger:" + database + "/" + trigger;
    }

    static Object nullable(Map<String, String> args) {
        return args == null ? null : new LinkedHashMap<>(args);
    }

    /** Each batch as a dict of rows, or as the columnar list that {@code engine_runtime.py} turns into one. */
    static List<Object> tableBatches(List<? extends WalBatch> batches) {
        List<Object> list = new ArrayList<>(batches.size());
        for (WalBatch batch : batches) {
            switch (batch) {
                case ColumnarBatch columns -> list.add(columns.toPython());
                case TableBatchView view -> {
                    List<Map<String, Object>> rows = new ArrayList<>(view.rows().size());
                    for (WalRow row : view.rows()) {
                        rows.add(row.toPython());
                    }
                    Map<String, Object> dict = new LinkedHashMap<>();
                    dict.put("table_name", view.tableName());
                    dict.put("rows", rows);
                    list.add(dict);
                }
            }
        }
        return list;
    }

    PluginRunResult run(Plugin plugin, String database, EntryPoint entry, Instant scheduledTime,
            String invokeFunction, List<Object> entryArgs, CacheSpec cache, boolean dryRun) {
        long start = System.nanoTime();
        PluginInvocation invocation = new PluginInvocation(plugin.triggerName(), database, dryRun, logSink,
                writeSink, queryExecutor, time);
        if (!dryRun) {
            invocation.routine("INFO", entry == EntryPoint.SCHEDULE
                    ? "starting execution with scheduled time " + SCHEDULED_TIME.format(scheduledTime)
                    : "starting execution of " + entry.description() + ".");
        }
        long id = runtime.register(invocation);
        PluginError error = null;
        Object returned = null;
        try {
            List<Object> args = new ArrayList<>(8 + entryArgs.size());
            args.add(invokeFunction);
            args.add(entry.functionName());
            args.add(entry.missingMessage());
            addPluginCode(args, plugin, dryRun);
            args.add(id);
            args.add(cache.toPython());
            args.addAll(entryArgs);
            // Loading and calling in one timed call: one GIL hold, one watchdog entry.
            returned = python().callWithTimeout(remaining(start), runtime.module(), "run", args, Map.of());
        } catch (PluginFailure failure) {
            error = failure.error;
        } catch (PythonException e) {
            error = failedWhileLoading(e) ? loadError(e) : callError(e);
        } catch (RuntimeException e) {
            error = new PluginError(PluginError.Kind.INTERNAL, "error running plugin: " + e.getMessage());
        } finally {
            runtime.unregister(id);
        }

        PluginResponse response = null;
        if (entry == EntryPoint.REQUEST) {
            if (error == null) {
                try {
                    response = response(returned);
                } catch (PluginFailure failure) {
                    error = failure.error;
                }
            }
            if (error != null) {
                response = PluginResponse.error(error.kind() == PluginError.Kind.EXCEPTION
                        ? "Python function call failed: " + error.message() : error.message());
            }
        }

        List<String> writeErrors = new ArrayList<>();
        Map<String, List<String>> writes;
        if (dryRun) {
            writes = invocation.allWrites();
        } else if (error != null) {
            writes = invocation.syncWrites(); // buffered writes are dropped when the plugin fails
            invocation.log("ERROR", (entry == EntryPoint.REQUEST ? "error running " : "error executing ")
                    + entry.description() + ": " + error.message());
        } else {
            writes = invocation.syncWrites();
            flush(invocation, entry, writes, writeErrors);
            invocation.routine("INFO", "finished execution in " + humanDuration(Duration.ofNanos(System.nanoTime() - start)));
        }
        return new PluginRunResult(plugin.triggerName(), entry, invocation.logLines(), writes, error,
                List.copyOf(writeErrors), response, Duration.ofNanos(System.nanoTime() - start));
    }

    private void flush(PluginInvocation invocation, EntryPoint entry, Map<String, List<String>> writes,
            List<String> writeErrors) {
        invocation.bufferedWrites().forEach((db, lines) -> {
            String problem = null;
            LineValidation validation = LineValidation.of(String.join("\n", lines));
            if (db.isEmpty()) {
                problem = "invalid database name: " + db;
            } else if (!validation.errors().isEmpty()) {
                problem = "line protocol parse error on write to db " + db + ": "
                        + LineValidation.describe(validation.errors().get(0));
            } else {
                try {
                    writeSink.write(db, validation.lines(), false);
                    writes.computeIfAbsent(db, k -> new ArrayList<>()).addAll(validation.lines());
                } catch (RuntimeException e) {
                    problem = "error writing to db " + db + ": " + e.getMessage();
                }
            }
            if (problem != null) {
                writeErrors.add(problem);
                invocation.log("ERROR", "error running " + entry.description() + ": " + problem);
            }
        });
        writes.replaceAll((db, lines) -> List.copyOf(lines));
    }

    /** Where run() finds the plugin's code: the source (single file), package parent and name (directory). */
    private static void addPluginCode(List<Object> args, Plugin plugin, boolean dryRun) {
        String source = null;
        String parent = null;
        String name = null;
        try {
            if (plugin.isDirectory() && !dryRun) {
                parent = plugin.path().getParent().toString();
                name = plugin.path().getFileName().toString();
            } else {
                // The test APIs run a directory plugin's __init__.py as a single file, as InfluxDB 3 does.
                source = plugin.source();
            }
        } catch (RuntimeException e) {
            throw new PluginFailure(new PluginError(PluginError.Kind.LOAD, e.getMessage()));
        }
        args.add(source);
        args.add(parent);
        args.add(name);
    }

    /** Whether the exception came from loading the plugin (compiling, its top level, the entry point lookup). */
    private boolean failedWhileLoading(PythonException e) {
        if (e.kind() == PythonException.Kind.TIMEOUT || e.exception().isEmpty()) {
            return false; // a time limit reads the same whether it hit while loading or running
        }
        try {
            return Boolean.TRUE.equals(python().call(runtime.module(), "failed_while_loading", e.exception().get()));
        } catch (RuntimeException ignored) {
            return false;
        }
    }

    private PluginError loadError(PythonException e) {
        if (isEngineError(e, "PluginEntryPointError")) {
            return new PluginError(PluginError.Kind.ENTRY_POINT, e.pythonMessage());
        } else if (isEngineError(e, "PluginImportError")) {
            return new PluginError(PluginError.Kind.LOAD, e.pythonMessage());
        }
        return new PluginError(PluginError.Kind.LOAD, e.summary());
    }

    private PluginError callError(PythonException e) {
        if (e.kind() == PythonException.Kind.TIMEOUT) {
            return new PluginError(PluginError.Kind.TIMEOUT, timeLimitMessage());
        }
        if (isEngineError(e, "PluginResponseError")) {
            return new PluginError(PluginError.Kind.RESPONSE, e.pythonMessage());
        }
        if (e.kind() == PythonException.Kind.INTERNAL) {
            return new PluginError(PluginError.Kind.INTERNAL, e.getMessage());
        }
        return new PluginError(PluginError.Kind.EXCEPTION, e.summary());
    }

    private static boolean isEngineError(PythonException e, String type) {
        return e.pythonType().map(t -> t.equals(type) || t.endsWith("." + type)).orElse(false);
    }

    private static PluginResponse response(Object returned) {
        if (!(returned instanceof List<?> parts) || parts.size() != 3) {
            throw new PluginFailure(new PluginError(PluginError.Kind.RESPONSE,
                    "Unsupported return type from Python function"));
        }
        Object status = parts.get(0);
        if (!(status instanceof Long code) || code < 100 || code > 999) {
            throw new PluginFailure(new PluginError(PluginError.Kind.RESPONSE,
                    "invalid HTTP status code " + status + " returned by the plugin: it must be between 100 and 999"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ((Map<?, ?>) parts.get(1)).forEach((k, v) -> headers.put((String) k, (String) v));
        return new PluginResponse(code.intValue(), headers, (String) parts.get(2));
    }

    private Duration remaining(long start) {
        Duration left = callTimeLimit.minusNanos(System.nanoTime() - start);
        if (left.isNegative() || left.isZero()) {
            throw new PluginFailure(new PluginError(PluginError.Kind.TIMEOUT, timeLimitMessage()));
        }
        return left;
    }

    private String timeLimitMessage() {
        return "plugin exceeded its time limit of " + humanDuration(callTimeLimit);
    }

    private PythonInterpreter python() {
        return runtime.python();
    }

    /** A duration the way InfluxDB 3 logs it (humantime): {@code 1ms 234us 567ns}, {@code 2s 5ms}, {@code 0s}. */
    static String humanDuration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] units = {"days", "h", "m", "s", "ms", "us", "ns"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            long count = nanos / sizes[i];
            nanos %= sizes[i];
            if (count > 0) {
                parts.add(count + (i == 0 && count == 1 ? "day" : units[i]));
            }
        }
        return String.join(" ", parts);
    }

    /** A failure found on the Java side, carried out of the call path. */
    private static final class PluginFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient PluginError error;

        PluginFailure(PluginError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }
}
