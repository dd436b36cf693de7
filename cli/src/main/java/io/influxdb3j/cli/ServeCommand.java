package io.influxdb3j.cli;

import io.influxdb3j.common.InfluxException;
import io.influxdb3j.server.ServeConfig;
import io.influxdb3j.server.ServeConfig.AuthzExemption;
import io.influxdb3j.server.ServeConfig.MemorySize;
import io.influxdb3j.server.ServeConfig.ObjectStoreKind;
import io.influxdb3j.server.ServeConfig.PackageManager;
import io.influxdb3j.server.ServeConfig.TlsVersion;
import io.influxdb3j.server.ServeConfig.TriggerKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code influxdb3 serve}: every flag of Core's serve (spec §3.7), each with its {@code INFLUXDB3_*} variable, parsed
 * into a {@link ServeConfig} and handed to the {@link ServerStarter}. Flags we accept for compatibility but do not act
 * on (tracing, telemetry, runtime tuning) are parsed and dropped, never rejected. Defaults here must equal
 * {@link ServeConfig#defaults()}; a test holds the two together.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, abbreviateSynopsis = true, sortOptions = false,
        description = "Run the InfluxDB 3 Core server")
final class ServeCommand extends BaseCommand {
    private static final String IGNORED = " (accepted for compatibility, not used)";

    @ParentCommand
    Influxdb3 parent;

    // ---- Node identity ----

    @Option(names = {"--node-id", "--host-id"}, paramLabel = "NODE_ID",
            description = "Prefix of every object store path; unique per server sharing a bucket"
                    + " (default: <hostname>-node)")
    @Env("INFLUXDB3_NODE_IDENTIFIER_PREFIX")
    String nodeId;

    @Option(names = "--node-id-from-env", paramLabel = "VAR",
            description = "Read the node id from the environment variable VAR")
    @Env("INFLUXDB3_NODE_IDENTIFIER_FROM_ENV")
    String nodeIdFromEnv;

    @Option(names = "--cluster-id", paramLabel = "ID", hidden = true)
    String clusterId;

    @Option(names = "--bearer-token", paramLabel = "HASH", hidden = true)
    String bearerToken;

    // ---- Object store ----

    @Option(names = "--object-store", paramLabel = "STORE", defaultValue = "file",
            description = "Object store: memory, memory-throttled, file, s3, google or azure"
                    + " (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_OBJECT_STORE")
    String objectStore;

    @Option(names = "--data-dir", paramLabel = "DIR", converter = Converters.HomePathConverter.class,
            description = "Directory of the file object store (default: ~/.influxdb3)")
    @Env("INFLUXDB3_DB_DIR")
    Path dataDir;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "Bucket (or container) of a cloud object store")
    @Env("INFLUXDB3_BUCKET")
    String bucket;

    @Option(names = "--aws-access-key-id", paramLabel = "KEY", description = "S3 access key id")
    @Env("AWS_ACCESS_KEY_ID")
    String awsAccessKeyId;

    @Option(names = "--aws-secret-access-key", paramLabel = "SECRET", description = "S3 secret access key")
    @Env("AWS_SECRET_ACCESS_KEY")
    String awsSecretAccessKey;

    @Option(names = "--aws-default-region", paramLabel = "REGION", defaultValue = "us-east-1",
            description = "S3 region (default: ${DEFAULT-VALUE})")
    @Env("AWS_DEFAULT_REGION")
    String awsDefaultRegion;

    @Option(names = "--aws-endpoint", paramLabel = "URL", description = "Endpoint of an S3-compatible store")
    @Env("AWS_ENDPOINT")
    String awsEndpoint;

    @Option(names = "--aws-session-token", paramLabel = "TOKEN", description = "S3 session token")
    @Env("AWS_SESSION_TOKEN")
    String awsSessionToken;

    @Option(names = "--aws-allow-http", description = "Allow unencrypted HTTP to S3")
    @Env("AWS_ALLOW_HTTP")
    boolean awsAllowHttp;

    @Option(names = "--aws-skip-signature", description = "Do not sign S3 requests")
    @Env("AWS_SKIP_SIGNATURE")
    boolean awsSkipSignature;

    @Option(names = "--aws-credentials-file", paramLabel = "FILE", description = "JSON file of S3 credentials")
    @Env("AWS_CREDENTIALS_FILE")
    Path awsCredentialsFile;

    @Option(names = "--google-service-account", paramLabel = "FILE", description = "Google credentials JSON file")
    @Env("GOOGLE_SERVICE_ACCOUNT")
    String googleServiceAccount;

    @Option(names = "--azure-storage-account", paramLabel = "ACCOUNT", description = "Azure storage account")
    @Env("AZURE_STORAGE_ACCOUNT")
    String azureStorageAccount;

    @Option(names = "--azure-storage-access-key", paramLabel = "KEY", description = "Azure storage access key")
    @Env("AZURE_STORAGE_ACCESS_KEY")
    String azureStorageAccessKey;

    @Option(names = "--azure-endpoint", paramLabel = "URL", description = "Azure endpoint, e.g. an emulator")
    @Env("AZURE_ENDPOINT")
    String azureEndpoint;

    @Option(names = "--azure-allow-http", description = "Allow unencrypted HTTP to Azure")
    @Env("AZURE_ALLOW_HTTP")
    boolean azureAllowHttp;

    @Option(names = "--object-store-connection-limit", paramLabel = "N", defaultValue = "64",
            description = "Connections to a network object store (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_OBJECT_STORE_CONNECTION_LIMIT")
    int objectStoreConnectionLimit;

    @Option(names = "--object-store-request-timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "Timeout of one object store request (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_OBJECT_STORE_REQUEST_TIMEOUT")
    Duration objectStoreRequestTimeout;

    @Option(names = "--object-store-max-retries", paramLabel = "N", description = "Retries of a failed request")
    @Env("INFLUXDB3_OBJECT_STORE_MAX_RETRIES")
    Integer objectStoreMaxRetries;

    @Option(names = "--object-store-retry-timeout", paramLabel = "DURATION",
            description = "Time after the first attempt when retries stop")
    @Env("INFLUXDB3_OBJECT_STORE_RETRY_TIMEOUT")
    Duration objectStoreRetryTimeout;

    @Option(names = "--object-store-http2-only", description = "Force HTTP/2 to network object stores")
    @Env("INFLUXDB3_OBJECT_STORE_HTTP2_ONLY")
    boolean objectStoreHttp2Only;

    @Option(names = "--object-store-http2-max-frame-size", paramLabel = "BYTES", description = "HTTP/2 max frame size")
    @Env("INFLUXDB3_OBJECT_STORE_HTTP2_MAX_FRAME_SIZE")
    Integer objectStoreHttp2MaxFrameSize;

    @Option(names = "--object-store-cache-endpoint", paramLabel = "URL",
            description = "Endpoint of an S3-compatible object store cache")
    @Env("INFLUXDB3_OBJECT_STORE_CACHE_ENDPOINT")
    String objectStoreCacheEndpoint;

    @Option(names = "--object-store-tls-allow-insecure", description = "Accept any object store TLS certificate")
    @Env("INFLUXDB3_OBJECT_STORE_TLS_ALLOW_INSECURE")
    boolean objectStoreTlsAllowInsecure;

    @Option(names = "--object-store-tls-ca", paramLabel = "FILE", description = "CA certificates for the object store")
    @Env("INFLUXDB3_OBJECT_STORE_TLS_CA")
    Path objectStoreTlsCa;

    // ---- HTTP listener and authentication ----

    @Option(names = "--http-bind", paramLabel = "ADDR", defaultValue = "0.0.0.0:8181",
            description = "Address of the HTTP, gRPC and Flight listener (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_HTTP_BIND_ADDR")
    String httpBind;

    @Option(names = "--admin-token-recovery-http-bind", paramLabel = "ADDR", arity = "0..1",
            fallbackValue = "127.0.0.1:8182",
            description = "Start a listener that regenerates the operator token without auth"
                    + " (bare flag: 127.0.0.1:8182)")
    @Env("INFLUXDB3_ADMIN_TOKEN_RECOVERY_HTTP_BIND_ADDR")
    String adminTokenRecoveryHttpBind;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key for TLS (with --tls-cert)")
    @Env("INFLUXDB3_TLS_KEY")
    Path tlsKey;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain for TLS (with --tls-key)")
    @Env("INFLUXDB3_TLS_CERT")
    Path tlsCert;

    @Option(names = "--tls-minimum-version", paramLabel = "VERSION", defaultValue = "tls-1.2",
            description = "tls-1.2 or tls-1.3 (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_TLS_MINIMUM_VERSION")
    String tlsMinimumVersion;

    @Option(names = "--without-auth", description = "Accept every request without a token")
    @Env("INFLUXDB3_START_WITHOUT_AUTH")
    boolean withoutAuth;

    @Option(names = "--disable-authz", paramLabel = "RESOURCES",
            description = "Serve these without a token, comma-separated: health, ping, metrics, ready, pprof")
    @Env("INFLUXDB3_DISABLE_AUTHZ")
    String disableAuthz;

    @Option(names = "--admin-token-file", paramLabel = "FILE",
            description = "Load an admin token made by `create token --admin --offline` at startup")
    @Env("INFLUXDB3_ADMIN_TOKEN_FILE")
    Path adminTokenFile;

    @Option(names = "--max-http-request-size", paramLabel = "BYTES", defaultValue = "10485760",
            converter = Converters.ByteSizeConverter.class,
            description = "Largest HTTP request body accepted (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_MAX_HTTP_REQUEST_SIZE")
    long maxHttpRequestSize;

    // ---- Memory ----

    @Option(names = "--exec-mem-pool-bytes", paramLabel = "SIZE", defaultValue = "20%",
            converter = Converters.MemorySizeConverter.class,
            description = "Query execution memory: MB, a size like 2gb, or a percentage of memory"
                    + " (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_EXEC_MEM_POOL_BYTES")
    MemorySize execMemPoolBytes;

    // ---- WAL and snapshots ----

    @Option(names = "--gen1-duration", paramLabel = "DURATION", defaultValue = "10m",
            description = "Time span of one Parquet file: 1m, 5m or 10m (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_GEN1_DURATION")
    Duration gen1Duration;

    @Option(names = "--gen1-lookback-duration", paramLabel = "DURATION", defaultValue = "1month",
            description = "How far back the Parquet file index is loaded at startup (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_GEN1_LOOKBACK_DURATION")
    Duration gen1LookbackDuration;

    @Option(names = "--wal-flush-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Interval between WAL flushes; durable writes wait for one (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_WAL_FLUSH_INTERVAL")
    Duration walFlushInterval;

    @Option(names = "--wal-snapshot-size", paramLabel = "N", defaultValue = "600",
            description = "WAL files per snapshot (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_WAL_SNAPSHOT_SIZE")
    int walSnapshotSize;

    @Option(names = "--wal-max-write-buffer-size", paramLabel = "N", defaultValue = "100000",
            description = "Writes buffered before a flush must succeed (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_WAL_MAX_WRITE_BUFFER_SIZE")
    int walMaxWriteBufferSize;

    @Option(names = "--wal-replay-fail-on-error", description = "Refuse to start on a corrupt WAL file")
    @Env("INFLUXDB3_WAL_REPLAY_FAIL_ON_ERROR")
    boolean walReplayFailOnError;

    @Option(names = "--wal-replay-concurrency-limit", paramLabel = "N",
            description = "WAL files replayed in parallel at startup (default: max(CPUs, 10))")
    @Env("INFLUXDB3_WAL_REPLAY_CONCURRENCY_LIMIT")
    Integer walReplayConcurrencyLimit;

    @Option(names = "--snapshotted-wal-files-to-keep", paramLabel = "N", defaultValue = "300",
            description = "Snapshotted WAL files kept in the object store (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_NUM_WAL_FILES_TO_KEEP")
    int snapshottedWalFilesToKeep;

    @Option(names = "--checkpoint-interval", paramLabel = "DURATION", description = "Catalog checkpoint interval")
    @Env("INFLUXDB3_CHECKPOINT_INTERVAL")
    Duration checkpointInterval;

    @Option(names = "--snapshot-concurrency-limit", paramLabel = "N",
            description = "Parquet files persisted in parallel (default: CPUs)")
    @Env("INFLUXDB3_SNAPSHOT_CONCURRENCY_LIMIT")
    Integer snapshotConcurrencyLimit;

    // ---- Query ----

    @Option(names = "--query-log-size", paramLabel = "N", defaultValue = "1000",
            description = "Queries kept in system.queries (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_QUERY_LOG_SIZE")
    int queryLogSize;

    @Option(names = "--max-concurrent-queries", paramLabel = "N",
            description = "Queries executed at once (default: unlimited)")
    @Env("INFLUXDB3_MAX_CONCURRENT_QUERIES")
    Integer maxConcurrentQueries;

    @Option(names = "--query-file-limit", paramLabel = "N", defaultValue = "432",
            description = "Parquet files one query may read (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_QUERY_FILE_LIMIT")
    int queryFileLimit;

    // ---- Parquet cache ----

    @Option(names = "--parquet-mem-cache-size", paramLabel = "SIZE", defaultValue = "20%",
            converter = Converters.MemorySizeConverter.class,
            description = "In-memory Parquet cache: MB or a percentage of memory (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_PARQUET_MEM_CACHE_SIZE")
    MemorySize parquetMemCacheSize;

    @Option(names = "--parquet-mem-cache-prune-percentage", paramLabel = "FRACTION", defaultValue = "0.1",
            description = "Fraction of the cache pruned at once, between 0 and 1 (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_PARQUET_MEM_CACHE_PRUNE_PERCENTAGE")
    double parquetMemCachePrunePercentage;

    @Option(names = "--parquet-mem-cache-prune-interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Interval of cache pruning checks (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_PARQUET_MEM_CACHE_PRUNE_INTERVAL")
    Duration parquetMemCachePruneInterval;

    @Option(names = "--parquet-mem-cache-query-path-duration", paramLabel = "DURATION", defaultValue = "5h",
            description = "Files newer than this are cached when a query reads them (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_PARQUET_MEM_CACHE_QUERY_PATH_DURATION")
    Duration parquetMemCacheQueryPathDuration;

    @Option(names = "--disable-parquet-mem-cache", description = "Disable the in-memory Parquet cache")
    @Env("INFLUXDB3_DISABLE_PARQUET_MEM_CACHE")
    boolean disableParquetMemCache;

    @Option(names = "--force-snapshot-mem-threshold", paramLabel = "SIZE", defaultValue = "50%",
            converter = Converters.MemorySizeConverter.class,
            description = "Buffered data that forces a snapshot: MB or a percentage (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_FORCE_SNAPSHOT_MEM_THRESHOLD")
    MemorySize forceSnapshotMemThreshold;

    // ---- Caches, retention, deletion ----

    @Option(names = "--last-cache-eviction-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "Last value cache eviction interval (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_LAST_CACHE_EVICTION_INTERVAL")
    Duration lastCacheEvictionInterval;

    @Option(names = "--distinct-cache-eviction-interval", paramLabel = "DURATION", defaultValue = "10s",
            description = "Distinct value cache eviction interval (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_DISTINCT_CACHE_EVICTION_INTERVAL")
    Duration distinctCacheEvictionInterval;

    @Option(names = "--retention-check-interval", paramLabel = "DURATION", defaultValue = "30m",
            description = "Interval of retention enforcement (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_RETENTION_CHECK_INTERVAL")
    Duration retentionCheckInterval;

    @Option(names = "--hard-delete-default-duration", paramLabel = "DURATION", defaultValue = "72h",
            description = "Delay between a soft delete and the hard delete (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_HARD_DELETE_DEFAULT_DURATION")
    Duration hardDeleteDefaultDuration;

    @Option(names = "--delete-grace-period", paramLabel = "DURATION", defaultValue = "24h",
            description = "Time hard-deleted objects stay in the catalog (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_DELETE_GRACE_PERIOD")
    Duration deleteGracePeriod;

    @Option(names = "--table-index-cache-max-entries", paramLabel = "N", defaultValue = "100",
            description = "Table index cache entries, 0 for unlimited (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_TABLE_INDEX_CACHE_MAX_ENTRIES")
    int tableIndexCacheMaxEntries;

    @Option(names = "--table-index-cache-concurrency-limit", paramLabel = "N", defaultValue = "20",
            description = "Table index loads in parallel (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_TABLE_INDEX_CACHE_CONCURRENCY_LIMIT")
    int tableIndexCacheConcurrencyLimit;

    // ---- Processing engine ----

    @Option(names = "--plugin-dir", paramLabel = "DIR", description = "Directory of Python plugins")
    @Env("INFLUXDB3_PLUGIN_DIR")
    Path pluginDir;

    @Option(names = "--virtual-env-location", paramLabel = "DIR", description = "Python virtual environment")
    @Env("VIRTUAL_ENV")
    Path virtualEnvLocation;

    @Option(names = "--package-manager", paramLabel = "MANAGER", defaultValue = "discover",
            description = "discover, pip, uv or disabled (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_PACKAGE_MANAGER")
    String packageManager;

    @Option(names = "--plugin-repo", paramLabel = "URL", description = "Base URL of gh: plugin files")
    @Env("INFLUXDB3_PLUGIN_REPO")
    String pluginRepo;

    @Option(names = "--plugin-time-limit", paramLabel = "DURATION", defaultValue = "30s",
            description = "Longest a plugin call may run before it is interrupted, unless its trigger sets "
                    + "--time-limit (beyond Core, which has no limit)")
    @Env("INFLUXDB3_PLUGIN_TIME_LIMIT")
    java.time.Duration pluginTimeLimit;

    @Option(names = "--pipeline-dir", paramLabel = "DIR",
            description = "Run every pipeline YAML file (*.yaml, *.yml) in DIR for the server's life; their influxdb3 "
                    + "outputs write into this server without HTTP (beyond Core)")
    @Env("INFLUXDB3_PIPELINE_DIR")
    Path pipelineDir;

    @Option(names = "--restrict-plugin-triggers-to", paramLabel = "KINDS",
            description = "Allow only these trigger kinds, comma-separated: wal, schedule, request")
    @Env("INFLUXDB3_RESTRICT_PLUGIN_TRIGGERS_TO")
    String restrictPluginTriggersTo;

    // ---- Threads and query engine tuning ----

    @Option(names = {"--num-io-threads", "--num-threads"}, paramLabel = "N", description = "IO threads")
    @Env({"INFLUXDB3_NUM_IO_THREADS", "INFLUXDB3_NUM_THREADS"})
    Integer numIoThreads;

    @Option(names = {"--num-datafusion-threads", "--datafusion-num-threads"}, paramLabel = "N",
            description = "Query execution threads (default: CPUs)")
    @Env({"INFLUXDB3_NUM_DATAFUSION_THREADS", "INFLUXDB3_DATAFUSION_NUM_THREADS"})
    Integer numDatafusionThreads;

    @Option(names = "--datafusion-max-parquet-fanout", paramLabel = "N", defaultValue = "1000",
            description = "Parquet files sorted-merged at once (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_DATAFUSION_MAX_PARQUET_FANOUT")
    int datafusionMaxParquetFanout;

    @Option(names = "--datafusion-use-cached-parquet-loader", paramLabel = "BOOL", arity = "0..1",
            defaultValue = "true", fallbackValue = "true",
            description = "Read Parquet through the in-memory cache (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_DATAFUSION_USE_CACHED_PARQUET_LOADER")
    boolean datafusionUseCachedParquetLoader;

    @Option(names = "--datafusion-config", paramLabel = "KEY:VALUE,...", description = "Query engine options")
    @Env("INFLUXDB3_DATAFUSION_CONFIG")
    String datafusionConfig;

    @Option(names = {"--datafusion-runtime-type", "--datafusion-runtime-disable-lifo-slot",
            "--datafusion-runtime-event-interval", "--datafusion-runtime-global-queue-interval",
            "--datafusion-runtime-max-blocking-threads", "--datafusion-runtime-max-io-events-per-tick",
            "--datafusion-runtime-thread-keep-alive", "--datafusion-runtime-thread-priority",
            "--io-runtime-type", "--io-runtime-disable-lifo-slot", "--io-runtime-event-interval",
            "--io-runtime-global-queue-interval", "--io-runtime-max-blocking-threads",
            "--io-runtime-max-io-events-per-tick", "--io-runtime-thread-keep-alive",
            "--io-runtime-thread-priority"}, paramLabel = "VALUE", hidden = true,
            description = "Tokio runtime tuning" + IGNORED)
    String[] runtimeTuning;

    // ---- Logging, tracing, telemetry ----

    @Option(names = "--log-filter", paramLabel = "FILTER", defaultValue = "info",
            description = "Log filter, e.g. info or info,io.influxdb3j.wal=debug (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_LOG_FILTER")
    String logFilter;

    @Option(names = {"-v", "--verbose"}, description = "Log more: -v debug, -vv trace (when --log-filter is info)")
    boolean[] verbose;

    @Option(names = "--log-destination", paramLabel = "DEST", defaultValue = "stdout",
            description = "stdout or stderr (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_LOG_DESTINATION")
    String logDestination;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "full",
            description = "Log format (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_LOG_FORMAT")
    String logFormat;

    @Option(names = "--traces-exporter", paramLabel = "EXPORTER", defaultValue = "none",
            description = "none or jaeger (default: ${DEFAULT-VALUE})" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER")
    String tracesExporter;

    @Option(names = "--traces-exporter-jaeger-agent-host", paramLabel = "HOST", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_AGENT_HOST")
    String jaegerAgentHost;

    @Option(names = "--traces-exporter-jaeger-agent-port", paramLabel = "PORT", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_AGENT_PORT")
    String jaegerAgentPort;

    @Option(names = "--traces-exporter-jaeger-service-name", paramLabel = "NAME", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_SERVICE_NAME")
    String jaegerServiceName;

    @Option(names = "--traces-exporter-jaeger-trace-context-header-name", paramLabel = "HEADER",
            description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_TRACE_CONTEXT_HEADER_NAME")
    String jaegerTraceContextHeaderName;

    @Option(names = "--traces-jaeger-debug-name", paramLabel = "NAME", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_DEBUG_NAME")
    String jaegerDebugName;

    @Option(names = "--traces-jaeger-tags", paramLabel = "TAGS", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_EXPORTER_JAEGER_TAGS")
    String jaegerTags;

    @Option(names = "--traces-jaeger-max-msgs-per-second", paramLabel = "N", description = "Jaeger" + IGNORED)
    @Env("INFLUXDB3_TRACES_JAEGER_MAX_MSGS_PER_SECOND")
    String jaegerMaxMsgsPerSecond;

    @Option(names = "--disable-telemetry-upload", hidden = true)
    @Env("INFLUXDB3_TELEMETRY_DISABLE_UPLOAD")
    boolean disableTelemetryUpload;

    @Option(names = "--telemetry-endpoint", paramLabel = "URL", hidden = true,
            defaultValue = "https://telemetry.v3.influxdata.com")
    @Env("INFLUXDB3_TELEMETRY_ENDPOINT")
    String telemetryEndpoint;

    @Option(names = "--test-mode", hidden = true)
    @Env("INFLUXDB3_TEST_MODE")
    boolean testMode;

    @Option(names = "--tcp-listener-file-path", paramLabel = "FILE", hidden = true)
    @Env("INFLUXDB3_TCP_LISTENER_FILE_PATH")
    Path tcpListenerFilePath;

    @Option(names = {"--admin-token-recovery-tcp-listener-file-path", "--admin-token-regen-tcp-listener-file-path"},
            paramLabel = "FILE", hidden = true)
    @Env("INFLUXDB3_ADMIN_TOKEN_RECOVERY_TCP_LISTENER_FILE_PATH")
    Path adminTokenRecoveryTcpListenerFilePath;

    // ---- Limits (fixed in Core) ----

    @Option(names = "--max-databases", paramLabel = "N", defaultValue = "100",
            description = "Databases allowed, _internal excluded (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_MAX_DATABASES")
    int maxDatabases;

    @Option(names = "--max-tables", paramLabel = "N", defaultValue = "10000",
            description = "Tables allowed across all databases (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_MAX_TABLES")
    int maxTables;

    @Option(names = "--max-columns-per-table", paramLabel = "N", defaultValue = "1000",
            description = "Columns allowed per table (default: ${DEFAULT-VALUE})")
    @Env("INFLUXDB3_MAX_COLUMNS_PER_TABLE")
    int maxColumnsPerTable;

    @Override
    public Integer call() throws Exception {
        ServeConfig config = toConfig();
        ServerStarter.RunningServer server = ctx().serverStarter().start(config);
        server.awaitTermination();
        return 0;
    }

    /** The parsed flags as a {@link ServeConfig}; a bad value is a usage error naming the flag. */
    ServeConfig toConfig() {
        if (clusterId != null) {
            throw usageError("--cluster-id is an InfluxDB 3 Enterprise option; InfluxDB 3 Core does not take it:"
                    + " remove --cluster-id");
        }
        if (bearerToken != null) {
            throw usageError("--bearer-token was removed: start the server, then create a token with"
                    + " `influxdb3 create token --admin` (or pass --admin-token-file)");
        }
        try {
            return ServeConfig.builder()
                    .nodeId(resolveNodeId())
                    .objectStore(ObjectStoreKind.parse(objectStore))
                    .dataDir(dataDir != null ? dataDir : ServeConfig.defaultDataDir())
                    .bucket(blankToNull(bucket))
                    .awsAccessKeyId(blankToNull(awsAccessKeyId))
                    .awsSecretAccessKey(blankToNull(awsSecretAccessKey))
                    .awsDefaultRegion(awsDefaultRegion)
                    .awsEndpoint(blankToNull(awsEndpoint))
                    .awsSessionToken(blankToNull(awsSessionToken))
                    .awsAllowHttp(awsAllowHttp)
                    .awsSkipSignature(awsSkipSignature)
                    .awsCredentialsFile(awsCredentialsFile)
                    .googleServiceAccount(blankToNull(googleServiceAccount))
                    .azureStorageAccount(blankToNull(azureStorageAccount))
                    .azureStorageAccessKey(blankToNull(azureStorageAccessKey))
                    .azureEndpoint(blankToNull(azureEndpoint))
                    .azureAllowHttp(azureAllowHttp)
                    .objectStoreConnectionLimit(objectStoreConnectionLimit)
                    .objectStoreRequestTimeout(objectStoreRequestTimeout)
                    .objectStoreMaxRetries(objectStoreMaxRetries)
                    .objectStoreRetryTimeout(objectStoreRetryTimeout)
                    .objectStoreHttp2Only(objectStoreHttp2Only)
                    .objectStoreHttp2MaxFrameSize(objectStoreHttp2MaxFrameSize)
                    .objectStoreCacheEndpoint(blankToNull(objectStoreCacheEndpoint))
                    .objectStoreTlsAllowInsecure(objectStoreTlsAllowInsecure)
                    .objectStoreTlsCa(objectStoreTlsCa)
                    .httpBind(validatedAddress("--http-bind", httpBind))
                    .adminTokenRecoveryHttpBind(adminTokenRecoveryHttpBind == null ? null
                            : validatedAddress("--admin-token-recovery-http-bind", adminTokenRecoveryHttpBind))
                    .tlsKey(tlsKey)
                    .tlsCert(tlsCert)
                    .tlsMinimumVersion(TlsVersion.parse(tlsMinimumVersion))
                    .withoutAuth(withoutAuth)
                    .disableAuthz(disableAuthz == null ? Set.<AuthzExemption>of()
                            : AuthzExemption.parseList(disableAuthz))
                    .adminTokenFile(adminTokenFile)
                    .maxHttpRequestSize(maxHttpRequestSize)
                    .execMemPoolBytes(execMemPoolBytes)
                    .gen1Duration(validatedGen1(gen1Duration))
                    .gen1LookbackDuration(gen1LookbackDuration)
                    .walFlushInterval(walFlushInterval)
                    .walSnapshotSize(walSnapshotSize)
                    .walMaxWriteBufferSize(walMaxWriteBufferSize)
                    .walReplayFailOnError(walReplayFailOnError)
                    .walReplayConcurrencyLimit(walReplayConcurrencyLimit != null ? walReplayConcurrencyLimit
                            : ServeConfig.defaults().walReplayConcurrencyLimit())
                    .snapshottedWalFilesToKeep(snapshottedWalFilesToKeep)
                    .checkpointInterval(checkpointInterval)
                    .snapshotConcurrencyLimit(snapshotConcurrencyLimit != null ? snapshotConcurrencyLimit
                            : ServeConfig.defaults().snapshotConcurrencyLimit())
                    .queryLogSize(queryLogSize)
                    .maxConcurrentQueries(maxConcurrentQueries != null ? maxConcurrentQueries : Integer.MAX_VALUE)
                    .queryFileLimit(queryFileLimit)
                    .parquetMemCacheSize(parquetMemCacheSize)
                    .parquetMemCachePrunePercentage(parquetMemCachePrunePercentage)
                    .parquetMemCachePruneInterval(parquetMemCachePruneInterval)
                    .parquetMemCacheQueryPathDuration(parquetMemCacheQueryPathDuration)
                    .disableParquetMemCache(disableParquetMemCache)
                    .forceSnapshotMemThreshold(forceSnapshotMemThreshold)
                    .lastCacheEvictionInterval(lastCacheEvictionInterval)
                    .distinctCacheEvictionInterval(distinctCacheEvictionInterval)
                    .retentionCheckInterval(retentionCheckInterval)
                    .hardDeleteDefaultDuration(hardDeleteDefaultDuration)
                    .deleteGracePeriod(deleteGracePeriod)
                    .tableIndexCacheMaxEntries(tableIndexCacheMaxEntries)
                    .tableIndexCacheConcurrencyLimit(tableIndexCacheConcurrencyLimit)
                    .pluginDir(pluginDir)
                    .virtualEnvLocation(virtualEnvLocation)
                    .packageManager(PackageManager.parse(packageManager))
                    .pluginRepo(blankToNull(pluginRepo))
                    .pluginTimeLimit(pluginTimeLimit)
                    .pipelineDir(pipelineDir)
                    .restrictPluginTriggersTo(restrictPluginTriggersTo == null ? Set.<TriggerKind>of()
                            : TriggerKind.parseList(restrictPluginTriggersTo))
                    .numIoThreads(numIoThreads != null ? numIoThreads : parent == null ? null : parent.numIoThreads)
                    .numDatafusionThreads(numDatafusionThreads != null ? numDatafusionThreads
                            : ServeConfig.defaults().numDatafusionThreads())
                    .datafusionMaxParquetFanout(datafusionMaxParquetFanout)
                    .datafusionUseCachedParquetLoader(datafusionUseCachedParquetLoader)
                    .datafusionConfig(ServeConfig.parseDatafusionConfig(datafusionConfig))
                    .logFilter(effectiveLogFilter())
                    .logDestination(validatedChoice("--log-destination", logDestination, Set.of("stdout", "stderr")))
                    .logFormat(validatedChoice("--log-format", logFormat, Set.of("full", "pretty", "json", "logfmt")))
                    .tracesExporter(validatedChoice("--traces-exporter", tracesExporter, Set.of("none", "jaeger")))
                    .disableTelemetryUpload(disableTelemetryUpload)
                    .telemetryEndpoint(telemetryEndpoint)
                    .testMode(testMode)
                    .tcpListenerFilePath(tcpListenerFilePath)
                    .maxDatabases(maxDatabases)
                    .maxTablesTotal(maxTables)
                    .maxColumnsPerTable(maxColumnsPerTable)
                    .build();
        } catch (InfluxException e) {
            throw usageError(e.getMessage());
        }
    }

    private String resolveNodeId() {
        if (nodeIdFromEnv != null) {
            if (nodeId != null && spec.commandLine().getParseResult().hasMatchedOption("--node-id")) {
                throw usageError("--node-id and --node-id-from-env cannot be used together");
            }
            return ctx().env().get(nodeIdFromEnv).orElseThrow(() -> usageError(
                    "Must set INFLUXDB3_NODE_IDENTIFIER_PREFIX=<id> or the environment variable " + nodeIdFromEnv
                            + " named by --node-id-from-env, which is unset"));
        }
        return nodeId != null && !nodeId.isBlank() ? nodeId.strip() : ServeConfig.defaultNodeId();
    }

    private String effectiveLogFilter() {
        int v = verbose == null ? 0 : verbose.length;
        String filter = v > 0 && logFilter.equals("info") ? (v == 1 ? "debug" : "trace") : logFilter.strip();
        LogSetup.parse(filter); // validates
        return filter;
    }

    private static Duration validatedGen1(Duration d) {
        if (!d.equals(Duration.ofMinutes(1)) && !d.equals(Duration.ofMinutes(5)) && !d.equals(Duration.ofMinutes(10))) {
            throw InfluxException.invalid("invalid --gen1-duration " + humanMinutes(d)
                    + ": 1m, 5m and 10m are supported");
        }
        return d;
    }

    private static String humanMinutes(Duration d) {
        return d.toSeconds() % 60 == 0 ? d.toMinutes() + "m" : d.toString();
    }

    private static String validatedAddress(String flag, String address) {
        ServeConfig.parseSocketAddress(flag, address);
        return address.strip();
    }

    private static String validatedChoice(String flag, String value, Set<String> allowed) {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(v)) {
            throw InfluxException.invalid("invalid " + flag + " '" + value + "': expected one of "
                    + String.join(", ", allowed.stream().sorted().toList()));
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
