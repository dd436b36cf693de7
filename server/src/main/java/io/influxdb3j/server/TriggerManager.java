package io.influxdb3j.server;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.catalog.TriggerDef;
import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.Precision;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.engine.Plugin;
import io.influxdb3j.engine.PluginLoader;
import io.influxdb3j.engine.PluginRepository;
import io.influxdb3j.engine.PluginResponse;
import io.influxdb3j.engine.PluginRunResult;
import io.influxdb3j.engine.PluginRunner;
import io.influxdb3j.engine.ColumnarBatch;
import io.influxdb3j.python.PythonRuntime;
import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.storage.Storage;
import io.influxdb3j.wal.TableBatch;
import io.influxdb3j.wal.WalContents;
import io.influxdb3j.wal.WalFileNotifier;
import io.influxdb3j.wal.WalOp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the catalog's enabled triggers: WAL triggers ({@code table:X}, {@code all_tables}) get each
 * applied WAL file's rows, {@code every:D} triggers fire at multiples of D, {@code request:P}
 * triggers answer {@code /api/v3/engine/P}. Each trigger has its own executor (one thread unless
 * {@code run_async}), so a plugin never runs on the WAL apply thread and may itself write
 * synchronously. The set of running triggers follows the catalog (create, enable, disable, delete,
 * database deletion) and is restored at start-up.
 */
final class TriggerManager implements WalFileNotifier, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerManager.class);
    private static final int RETRY_ATTEMPTS = 5;

    /**
     * A started trigger: its runner (own sub-interpreter when isolated; its own time limit), its plugin
     * (a local file is re-read when its modification time changes; a {@code gh:} file was fetched at
     * start and stays), and in {@code schedule} the pending tick of a schedule trigger (replaced after
     * each cron tick).
     */
    private record Running(TriggerDef def, String database, ExecutorService executor,
                           java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>> schedule,
                           PluginRunner runner, Plugin plugin, TriggerSpecs.Spec spec) {
    }

    private final Catalog catalog;
    private final Storage storage;
    private final PluginLoader loader;
    private final QueryExecutor queryExecutor;
    private final Duration defaultTimeLimit;
    private final EngineLogs logs;
    private final TimeProvider time;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "trigger-schedule");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Running> running = new ConcurrentHashMap<>();

    /**
     * @param defaultTimeLimit the longest one plugin call may run when its trigger sets no limit of its own
     */
    TriggerManager(Path pluginDir, PluginRepository repository, Catalog catalog, Storage storage,
                   QueryExecutor executor, EngineLogs logs, TimeProvider time, Duration defaultTimeLimit) {
        this.catalog = catalog;
        this.storage = storage;
        this.logs = logs;
        this.time = time;
        this.queryExecutor = executor;
        this.defaultTimeLimit = defaultTimeLimit;
        this.loader = new PluginLoader(pluginDir, repository);
    }

    PluginLoader loader() {
        return loader;
    }

    /** Starts every enabled trigger and follows catalog changes from now on. */
    void start() {
        reconcile(catalog.snapshot());
        catalog.addListener(this::reconcile);
    }

    /** Checks that a plugin can be loaded (for create): a file inside the plugin directory, or a {@code gh:} file that can be fetched. */
    void checkPlugin(String triggerName, String pluginFilename) {
        loader.load(triggerName, pluginFilename);
    }

    private static String key(int dbId, String name) {
        return dbId + "/" + name;
    }

    private synchronized void reconcile(CatalogSnapshot snapshot) {
        Map<String, TriggerDef> wanted = new LinkedHashMap<>();
        for (TriggerDef t : snapshot.triggers()) {
            DatabaseSchema db = snapshot.databaseById(t.dbId());
            if (!t.disabled() && db != null && !db.deleted()) {
                wanted.put(key(t.dbId(), t.name()), t);
            }
        }
        for (Map.Entry<String, Running> e : new ArrayList<>(running.entrySet())) {
            TriggerDef w = wanted.get(e.getKey());
            if (w == null || !w.equals(e.getValue().def())) {
                stop(e.getKey());
            }
        }
        for (Map.Entry<String, TriggerDef> e : wanted.entrySet()) {
            if (!running.containsKey(e.getKey())) {
                try {
                    startTrigger(e.getValue(), snapshot.databaseById(e.getValue().dbId()).name());
                } catch (RuntimeException ex) {
                    logs.log(e.getValue().name(), "ERROR", "failed to start trigger: " + ex.getMessage());
                    LOG.error("failed to start trigger {}; continuing without it: {}", e.getValue().name(), ex.getMessage());
                }
            }
        }
    }

    private void startTrigger(TriggerDef def, String database) {
        // Fails early when the file is gone; a gh: plugin is fetched now and kept for the trigger's life.
        Plugin loaded = loader.load(def.name(), def.pluginFilename());
        Duration limit = def.timeLimitMillis() != null ? Duration.ofMillis(def.timeLimitMillis()) : defaultTimeLimit;
        PluginRunner runner = def.isolated()
                ? PluginRunner.isolated("trigger-" + def.name(), this::write, logs, queryExecutor, time, limit)
                : new PluginRunner(this::write, logs, queryExecutor, time, limit);
        ExecutorService executor = def.runAsync()
                ? Executors.newCachedThreadPool(r -> daemon(r, "trigger-" + def.name()))
                : Executors.newSingleThreadExecutor(r -> daemon(r, "trigger-" + def.name()));
        var schedule = new java.util.concurrent.atomic.AtomicReference<ScheduledFuture<?>>();
        TriggerSpecs.Spec spec = TriggerSpecs.parse(def.specification());
        Running started = new Running(def, database, executor, schedule, runner, loaded, spec);
        if (spec instanceof TriggerSpecs.Every every) {
            // Fires at multiples of the period counted from the epoch (as Core does).
            long periodMs = every.period().toMillis();
            long nowMs = time.nowMillis();
            long firstMs = (Math.floorDiv(nowMs, periodMs) + 1) * periodMs;
            schedule.set(scheduler.scheduleAtFixedRate(() -> {
                long slot = Math.floorDiv(time.nowMillis() + periodMs / 2, periodMs) * periodMs;
                executor.submit(() -> runSchedule(started, Instant.ofEpochMilli(slot)));
            }, firstMs - nowMs, periodMs, TimeUnit.MILLISECONDS));
        } else if (spec instanceof TriggerSpecs.Cron cron) {
            scheduleCron(started, io.influxdb3j.engine.CronSchedule.parse(cron.expression()),
                    Instant.ofEpochMilli(time.nowMillis()));
        }
        running.put(key(def.dbId(), def.name()), started);
        LOG.info("trigger {} started ({} on {}, {} interpreter, time limit {})", def.name(), def.specification(),
                def.pluginFilename(), def.isolated() ? "isolated" : "shared", limit);
    }

    /** Schedules the next cron fire after {@code after}; each tick schedules the following one. */
    private void scheduleCron(Running r, io.influxdb3j.engine.CronSchedule cron, Instant after) {
        Instant next = cron.next(after);
        if (next == null || r.executor().isShutdown()) {
            return;
        }
        long delay = Math.max(0, next.toEpochMilli() - time.nowMillis());
        r.schedule().set(scheduler.schedule(() -> {
            if (r.executor().isShutdown()) {
                return;
            }
            r.executor().submit(() -> runSchedule(r, next));
            scheduleCron(r, cron, next);
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** A trigger thread; it keeps its Python thread state between calls. */
    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(PythonRuntime.keepingThreadState(r), name);
        t.setDaemon(true);
        return t;
    }

    private void stop(String key) {
        Running r = running.remove(key);
        if (r == null) {
            return;
        }
        ScheduledFuture<?> pending = r.schedule().get();
        if (pending != null) {
            pending.cancel(false);
        }
        r.executor().shutdown();
        if (r.runner().isIsolated()) {
            // The cache dies with the sub-interpreter; end it once the trigger's last call is over.
            Thread.ofPlatform().daemon(true).name("trigger-stop-" + r.def().name()).start(() -> {
                try {
                    r.executor().awaitTermination(r.runner().callTimeLimit().toMillis() + 5_000, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                r.runner().close();
            });
        } else {
            r.runner().dropTriggerCache(r.database(), r.def().name());
        }
        LOG.info("trigger {} stopped", r.def().name());
    }

    // ------------------------------------------------------------------ WAL triggers

    @Override
    public void onWalFile(WalContents contents) {
        if (running.isEmpty()) {
            return;
        }
        CatalogSnapshot snapshot = catalog.snapshot();
        for (WalOp op : contents.ops()) {
            if (!(op instanceof WalOp.Write w)) {
                continue;
            }
            DatabaseSchema db = snapshot.databaseById(w.dbId());
            if (db == null) {
                continue;
            }
            for (Running r : running.values()) {
                if (r.def().dbId() != w.dbId()) {
                    continue;
                }
                TriggerSpecs.Spec spec = r.spec();
                String table;
                if (spec instanceof TriggerSpecs.AllTables) {
                    table = null;
                } else if (spec instanceof TriggerSpecs.Table t) {
                    table = t.table();
                } else {
                    continue;
                }
                List<ColumnarBatch> batches = new ArrayList<>();
                for (TableBatch b : w.tables()) {
                    TableSchema schema = db.tableById(b.tableId());
                    if (schema != null && (table == null || table.equals(schema.name()))) {
                        batches.add(WalBatchViews.columnar(schema, b));
                    }
                }
                r.executor().submit(() -> runWal(r, batches));
            }
        }
    }

    private void runWal(Running r, List<ColumnarBatch> batches) {
        runWithErrorBehavior(r.def(), "wal",
                () -> r.runner().runWal(r.plugin(), r.database(), batches, r.def().arguments()));
    }

    private void runSchedule(Running r, Instant callTime) {
        runWithErrorBehavior(r.def(), "schedule",
                () -> r.runner().runSchedule(r.plugin(), r.database(), callTime, r.def().arguments()));
    }


    /** Runs once; on failure follows the trigger's error behaviour: log, retry with back-off, or disable (persisted). */
    private void runWithErrorBehavior(TriggerDef def, String kind, java.util.function.Supplier<PluginRunResult> run) {
        long backoffMs = 100;
        for (int attempt = 1; ; attempt++) {
            PluginRunResult result;
            try {
                result = run.get();
            } catch (RuntimeException e) {
                logs.log(def.name(), "ERROR", "error executing " + kind + " plugin: " + e.getMessage());
                return;
            }
            if (result.error() == null) {
                return;
            }
            // The runner has already logged the error itself.
            switch (def.errorBehavior()) {
                case "retry" -> {
                    if (attempt >= RETRY_ATTEMPTS) {
                        logs.log(def.name(), "ERROR", "giving up after " + attempt + " attempts");
                        return;
                    }
                    try {
                        Thread.sleep(backoffMs);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    backoffMs = Math.min(backoffMs * 2, 10_000);
                }
                case "disable" -> {
                    DatabaseSchema db = catalog.snapshot().databaseById(def.dbId());
                    if (db != null) {
                        logs.log(def.name(), "ERROR", "disabling trigger after the error (error_behavior=disable)");
                        catalog.setTriggerDisabled(db.name(), def.name(), true);
                    }
                    return;
                }
                default -> {
                    return;
                }
            }
        }
    }

    // ------------------------------------------------------------------ request triggers

    /**
     * The response of the request trigger at {@code path}, or null when no running trigger serves it.
     * A {@code run_async} trigger runs on the calling (HTTP blocking) thread, with no hand-off; a
     * synchronous one on its own thread, one request at a time.
     */
    PluginResponse request(String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        for (Running r : running.values()) {
            if (r.spec() instanceof TriggerSpecs.Request req && req.path().equals(path)) {
                PluginRunResult result;
                if (r.def().runAsync()) {
                    try {
                        result = runRequest(r, query, headers, body);
                    } catch (RuntimeException e) {
                        return PluginResponse.error(String.valueOf(e.getMessage()));
                    }
                } else {
                    Future<PluginRunResult> f;
                    try {
                        f = r.executor().submit(() -> runRequest(r, query, headers, body));
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        continue; // stopped meanwhile: as if it were not running
                    }
                    try {
                        result = f.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return PluginResponse.error("interrupted");
                    } catch (java.util.concurrent.ExecutionException e) {
                        return PluginResponse.error(String.valueOf(e.getCause().getMessage()));
                    }
                }
                // the runner has logged the error itself (once)
                return result.response() != null ? result.response()
                        : PluginResponse.error(result.error() == null ? "no response" : result.error().message());
            }
        }
        return null;
    }

    private static PluginRunResult runRequest(Running r, Map<String, String> query, Map<String, String> headers,
            byte[] body) {
        return r.runner().runRequest(r.plugin(), r.database(), query, headers, body, r.def().arguments());
    }

    // ------------------------------------------------------------------ writes from plugins

    private void write(String database, List<String> lines, boolean sync) {
        byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        var result = storage.write(database, body, 0, body.length, Precision.NANOSECOND, true, false);
        if (result.hasErrors()) {
            throw InfluxException.invalid("error writing line protocol to " + database + ": "
                    + result.errors().get(0).message());
        }
    }

    Map<String, TriggerDef> runningTriggers() {
        Map<String, TriggerDef> out = new LinkedHashMap<>();
        running.forEach((k, v) -> out.put(k, v.def()));
        return out;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (String k : new ArrayList<>(running.keySet())) {
            stop(k);
        }
    }
}
