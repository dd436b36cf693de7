package io.influxdb3j.server;

import com.linecorp.armeria.server.Server;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogLimits;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.engine.PluginRepository;
import io.influxdb3j.objectstore.FileObjectStore;
import io.influxdb3j.objectstore.InMemoryObjectStore;
import io.influxdb3j.objectstore.ObjectStore;
import io.influxdb3j.query.DuckDbQueryExecutor;
import io.influxdb3j.storage.Storage;
import io.influxdb3j.storage.StorageConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds object store, catalog, storage, query executor and the HTTP API
 * from a {@link ServeConfig}, recovers state, then binds the listener.
 */
public final class InfluxServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    public static final String VERSION = "3.10.0";
    public static final String REVISION = "influxdb3j";

    private final ObjectStore store;
    private final Catalog catalog;
    private final Storage storage;
    private final DuckDbQueryExecutor executor;
    private final TriggerManager triggers;
    private final Server http;
    private final ScheduledExecutorService maintenance;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final TimeProvider time;
    private final ManagedPipelines pipelines; // null without --pipeline-dir
    /** Creating a missing plugin venv in the background; close() waits for it. */
    private final java.util.concurrent.CompletableFuture<Void> pluginVenv;

    private InfluxServer(ServeConfig config, TimeProvider time) {
        long started = System.nanoTime();
        this.time = time;
        this.store = objectStore(config);
        long gen1 = config.gen1Duration().toNanos();
        this.catalog = Catalog.loadOrCreate(store, config.nodeId(),
                new CatalogLimits(config.maxDatabases(), config.maxTablesTotal(), config.maxColumnsPerTable()), gen1, time);
        if (catalog.gen1DurationNanos() != gen1) {
            LOG.warn("--gen1-duration {} ignored: this catalog was created with {}s", config.gen1Duration(),
                    catalog.gen1DurationNanos() / 1_000_000_000L);
        }
        if (!config.withoutAuth() && config.adminTokenFile().isPresent()) {
            AdminTokenFile.load(config.adminTokenFile().get(), catalog);
        }
        long totalMemory = totalMemoryBytes();
        StorageConfig sc = new StorageConfig(config.nodeId(), catalog.gen1DurationNanos(), config.walFlushInterval(),
                config.walMaxWriteBufferSize(), config.walSnapshotSize(), config.snapshottedWalFilesToKeep(),
                config.forceSnapshotMemThreshold().resolve(totalMemory), config.walReplayFailOnError(), config.queryFileLimit());
        this.storage = Storage.open(store, catalog, sc, time);
        this.executor = new DuckDbQueryExecutor(catalog, storage.duck(), storage.sources(), time, config.queryLogSize(),
                config.withoutAuth());
        EngineLogs engineLogs = new EngineLogs(time);
        engineLogs.systemTables().forEach(executor::registerSystemTable);
        this.pluginVenv = PackageHandlers.prepareEnvironment(config); // before any trigger can run Python
        PluginRepository pluginRepository = config.pluginRepo().map(PluginRepository::new)
                .orElseGet(PluginRepository::defaultRepository);
        this.triggers = config.pluginDir().map(dir -> new TriggerManager(dir, pluginRepository, catalog, storage, executor,
                engineLogs, time, config.pluginTimeLimit())).orElse(null);
        if (triggers != null) {
            storage.buffer().addDownstream(triggers);
            triggers.start();
        }
        this.pipelines = config.pipelineDir().map(dir -> ManagedPipelines.start(dir, storage, VERSION)).orElse(null);
        if (pipelines != null) {
            executor.registerSystemTable(pipelines.systemTable());
        }
        ServerMetrics metrics = new ServerMetrics();
        Set<String> exempt = new HashSet<>();
        for (ServeConfig.AuthzExemption e : config.disableAuthz()) {
            exempt.addAll(e.paths());
        }
        Authenticator auth = new Authenticator(catalog, config.withoutAuth(), exempt);
        HttpApi api = Routes.build(auth, config, catalog, storage, executor, metrics, time, triggers,
                pluginRepository);
        InetSocketAddress bind = parseBind(config.httpBind());
        this.http = Server.builder()
                .http(bind)
                // Handlers run here, request triggers' plugins included: the threads keep their Python
                // thread state between calls.
                .blockingTaskExecutor(com.linecorp.armeria.common.util.BlockingTaskExecutor.builder()
                        .threadNamePrefix("influxdb3j-blocking")
                        .daemon(true)
                        .taskFunction(io.influxdb3j.python.PythonRuntime::keepingThreadState)
                        .build(), true)
                .maxRequestLength(0)
                .requestTimeoutMillis(0)
                .serviceUnder("/", api)
                .build();
        http.start().join();
        this.maintenance = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hard-delete");
            t.setDaemon(true);
            return t;
        });
        maintenance.scheduleWithFixedDelay(this::hardDeleteDue, 10, 10, TimeUnit.SECONDS);
        config.tcpListenerFilePath().ifPresent(p -> {
            try {
                Files.writeString(p, "127.0.0.1:" + port(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warn("cannot write --tcp-listener-file-path {}: {}", p, e.getMessage());
            }
        });
        LOG.info("InfluxDB 3 Core (influxdb3j) {} node_id={} object_store={} listening on {}:{} auth={}", VERSION,
                config.nodeId(), store.describe(), bind.getHostString(), port(), config.withoutAuth() ? "off" : "on");
        LOG.info("startup time: {}ms", (System.nanoTime() - started) / 1_000_000);
    }

    public static InfluxServer start(ServeConfig config) {
        return new InfluxServer(config, TimeProvider.SYSTEM);
    }

    public static InfluxServer start(ServeConfig config, TimeProvider time) {
        return new InfluxServer(config, time);
    }

    public int port() {
        return http.activeLocalPort();
    }

    public Catalog catalog() {
        return catalog;
    }

    public Storage storage() {
        return storage;
    }

    public DuckDbQueryExecutor queryExecutor() {
        return executor;
    }

    public void awaitTermination() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        maintenance.shutdownNow();
        http.stop().join();
        if (pipelines != null) {
            pipelines.close(); // drains their in-flight writes before storage closes
        }
        if (triggers != null) {
            triggers.close();
        }
        storage.close();
        try {
            pluginVenv.get(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the plugin venv was still being created at shutdown: {}", e.toString());
        }
        if (store instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing object store: {}", e.getMessage());
            }
        }
        stopped.countDown();
    }

    /** Removes the files of soft-deleted databases and tables whose hard-delete time has come. */
    private void hardDeleteDue() {
        try {
            long now = time.nowMillis();
            for (Map.Entry<String, DatabaseSchema> e : catalog.snapshot().databases().entrySet()) {
                DatabaseSchema db = e.getValue();
                if (db.deleted() && db.hardDeleteAtMillis() != null && db.hardDeleteAtMillis() <= now) {
                    storage.hardDelete(db.id(), null);
                    continue;
                }
                for (TableSchema t : db.tables().values()) {
                    if (t.deleted() && t.hardDeleteAtMillis() != null && t.hardDeleteAtMillis() <= now) {
                        storage.hardDelete(db.id(), t.id());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("hard delete check failed: {}", e.getMessage());
        }
    }

    private static ObjectStore objectStore(ServeConfig config) {
        return switch (config.objectStore()) {
            case FILE -> {
                try {
                    Files.createDirectories(config.dataDir());
                } catch (IOException e) {
                    throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "cannot create --data-dir " + config.dataDir() + ": " + e.getMessage());
                }
                yield new FileObjectStore(config.dataDir());
            }
            case MEMORY, MEMORY_THROTTLED -> new InMemoryObjectStore();
            case S3, GOOGLE, AZURE -> throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "--object-store "
                    + config.objectStore().flagValue() + " is not supported by this server yet: use file or memory");
        };
    }

    static InetSocketAddress parseBind(String bind) {
        int colon = bind.lastIndexOf(':');
        if (colon < 0) {
            throw InfluxException.invalid("invalid --http-bind '" + bind + "': expected HOST:PORT such as 0.0.0.0:8181");
        }
        String host = bind.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(bind.substring(colon + 1));
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw InfluxException.invalid("invalid --http-bind '" + bind + "': the port must be a number");
        }
    }

    private static long totalMemoryBytes() {
        try {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
                return sun.getTotalMemorySize();
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        return Runtime.getRuntime().maxMemory();
    }
}
