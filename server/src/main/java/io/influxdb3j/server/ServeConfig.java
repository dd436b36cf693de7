// Generated once from a field table, then maintained by hand: keep components, Builder and with* in step.
package io.influxdb3j.server;

import io.influxdb3j.common.DataSize;
import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every setting of {@code influxdb3 serve} (spec §3.7), typed: durations are {@link Duration}, sizes are bytes or
 * {@link MemorySize}, paths are {@link Path}, choices are enums, absent optional settings are empty {@link Optional}s.
 *
 * <p>The CLI builds one from flags and {@code INFLUXDB3_*} environment variables; tests start from {@link #defaults()}
 * and override fields with the {@code with*} methods (one per field), e.g.
 * {@code ServeConfig.defaults().withDataDir(tmp).withHttpBind("127.0.0.1:0").withoutAuth(true)}.
 * The defaults are Core's, except the three limits Core hard-codes, which are flags here.
 * Instances are immutable; {@link #toString()} redacts secrets.
 */
public record ServeConfig(
        // Node identity
        String nodeId,
        // Object store
        ObjectStoreKind objectStore,
        Path dataDir,
        Optional<String> bucket,
        Optional<String> awsAccessKeyId,
        Optional<String> awsSecretAccessKey,
        String awsDefaultRegion,
        Optional<String> awsEndpoint,
        Optional<String> awsSessionToken,
        boolean awsAllowHttp,
        boolean awsSkipSignature,
        Optional<Path> awsCredentialsFile,
        Optional<String> googleServiceAccount,
        Optional<String> azureStorageAccount,
        Optional<String> azureStorageAccessKey,
        Optional<String> azureEndpoint,
        boolean azureAllowHttp,
        int objectStoreConnectionLimit,
        Duration objectStoreRequestTimeout,
        OptionalInt objectStoreMaxRetries,
        Optional<Duration> objectStoreRetryTimeout,
        boolean objectStoreHttp2Only,
        OptionalInt objectStoreHttp2MaxFrameSize,
        Optional<String> objectStoreCacheEndpoint,
        boolean objectStoreTlsAllowInsecure,
        Optional<Path> objectStoreTlsCa,
        // HTTP listener and authentication
        String httpBind,
        Optional<String> adminTokenRecoveryHttpBind,
        Optional<Path> tlsKey,
        Optional<Path> tlsCert,
        TlsVersion tlsMinimumVersion,
        boolean withoutAuth,
        Set<AuthzExemption> disableAuthz,
        Optional<Path> adminTokenFile,
        long maxHttpRequestSize,
        // Memory
        MemorySize execMemPoolBytes,
        // WAL, snapshots and Parquet generations
        Duration gen1Duration,
        Duration gen1LookbackDuration,
        Duration walFlushInterval,
        int walSnapshotSize,
        int walMaxWriteBufferSize,
        boolean walReplayFailOnError,
        int walReplayConcurrencyLimit,
        int snapshottedWalFilesToKeep,
        Optional<Duration> checkpointInterval,
        int snapshotConcurrencyLimit,
        // Query
        int queryLogSize,
        int maxConcurrentQueries,
        int queryFileLimit,
        // Parquet cache and memory thresholds
        MemorySize parquetMemCacheSize,
        double parquetMemCachePrunePercentage,
        Duration parquetMemCachePruneInterval,
        Duration parquetMemCacheQueryPathDuration,
        boolean disableParquetMemCache,
        MemorySize forceSnapshotMemThreshold,
        // Caches, retention and deletion
        Duration lastCacheEvictionInterval,
        Duration distinctCacheEvictionInterval,
        Duration retentionCheckInterval,
        Duration hardDeleteDefaultDuration,
        Duration deleteGracePeriod,
        int tableIndexCacheMaxEntries,
        int tableIndexCacheConcurrencyLimit,
        // Processing engine
        Optional<Path> pluginDir,
        Optional<Path> virtualEnvLocation,
        PackageManager packageManager,
        Optional<String> pluginRepo,
        Set<TriggerKind> restrictPluginTriggersTo,
        Duration pluginTimeLimit,
        // Pipelines
        Optional<Path> pipelineDir,
        // Threads and query engine tuning
        OptionalInt numIoThreads,
        int numDatafusionThreads,
        int datafusionMaxParquetFanout,
        boolean datafusionUseCachedParquetLoader,
        Map<String, String> datafusionConfig,
        // Logging, tracing and telemetry
        String logFilter,
        String logDestination,
        String logFormat,
        String tracesExporter,
        boolean disableTelemetryUpload,
        String telemetryEndpoint,
        boolean testMode,
        Optional<Path> tcpListenerFilePath,
        // Limits (fixed in Core, flags here)
        int maxDatabases,
        int maxTablesTotal,
        int maxColumnsPerTable
) {
    private static final int CPUS = Runtime.getRuntime().availableProcessors();
    /** How long one plugin call may run by default ({@code --plugin-time-limit}); Core has no limit. */
    public static final Duration DEFAULT_PLUGIN_TIME_LIMIT = Duration.ofSeconds(30);
    private static final Set<String> SECRETS = Set.of("awsSecretAccessKey", "awsSessionToken", "azureStorageAccessKey");

    /** Checks invariants and makes collections immutable; throws {@link InfluxException} naming the flag on a bad value. */
    public ServeConfig {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(objectStore, "objectStore");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(awsAccessKeyId, "awsAccessKeyId");
        Objects.requireNonNull(awsSecretAccessKey, "awsSecretAccessKey");
        Objects.requireNonNull(awsDefaultRegion, "awsDefaultRegion");
        Objects.requireNonNull(awsEndpoint, "awsEndpoint");
        Objects.requireNonNull(awsSessionToken, "awsSessionToken");
        Objects.requireNonNull(awsCredentialsFile, "awsCredentialsFile");
        Objects.requireNonNull(googleServiceAccount, "googleServiceAccount");
        Objects.requireNonNull(azureStorageAccount, "azureStorageAccount");
        Objects.requireNonNull(azureStorageAccessKey, "azureStorageAccessKey");
        Objects.requireNonNull(azureEndpoint, "azureEndpoint");
        Objects.requireNonNull(objectStoreRequestTimeout, "objectStoreRequestTimeout");
        Objects.requireNonNull(objectStoreRetryTimeout, "objectStoreRetryTimeout");
        Objects.requireNonNull(objectStoreCacheEndpoint, "objectStoreCacheEndpoint");
        Objects.requireNonNull(objectStoreTlsCa, "objectStoreTlsCa");
        Objects.requireNonNull(httpBind, "httpBind");
        Objects.requireNonNull(adminTokenRecoveryHttpBind, "adminTokenRecoveryHttpBind");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsMinimumVersion, "tlsMinimumVersion");
        Objects.requireNonNull(disableAuthz, "disableAuthz");
        Objects.requireNonNull(adminTokenFile, "adminTokenFile");
        Objects.requireNonNull(execMemPoolBytes, "execMemPoolBytes");
        Objects.requireNonNull(gen1Duration, "gen1Duration");
        Objects.requireNonNull(gen1LookbackDuration, "gen1LookbackDuration");
        Objects.requireNonNull(walFlushInterval, "walFlushInterval");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        Objects.requireNonNull(parquetMemCacheSize, "parquetMemCacheSize");
        Objects.requireNonNull(parquetMemCachePruneInterval, "parquetMemCachePruneInterval");
        Objects.requireNonNull(parquetMemCacheQueryPathDuration, "parquetMemCacheQueryPathDuration");
        Objects.requireNonNull(forceSnapshotMemThreshold, "forceSnapshotMemThreshold");
        Objects.requireNonNull(lastCacheEvictionInterval, "lastCacheEvictionInterval");
        Objects.requireNonNull(distinctCacheEvictionInterval, "distinctCacheEvictionInterval");
        Objects.requireNonNull(retentionCheckInterval, "retentionCheckInterval");
        Objects.requireNonNull(hardDeleteDefaultDuration, "hardDeleteDefaultDuration");
        Objects.requireNonNull(deleteGracePeriod, "deleteGracePeriod");
        Objects.requireNonNull(pluginDir, "pluginDir");
        Objects.requireNonNull(virtualEnvLocation, "virtualEnvLocation");
        Objects.requireNonNull(packageManager, "packageManager");
        Objects.requireNonNull(pluginRepo, "pluginRepo");
        Objects.requireNonNull(restrictPluginTriggersTo, "restrictPluginTriggersTo");
        Objects.requireNonNull(pluginTimeLimit, "pluginTimeLimit");
        Objects.requireNonNull(pipelineDir, "pipelineDir");
        if (pluginTimeLimit.isNegative() || pluginTimeLimit.isZero()) {
            throw InfluxException.invalid("--plugin-time-limit must be positive, not " + pluginTimeLimit);
        }
        Objects.requireNonNull(datafusionConfig, "datafusionConfig");
        Objects.requireNonNull(logFilter, "logFilter");
        Objects.requireNonNull(logDestination, "logDestination");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(tracesExporter, "tracesExporter");
        Objects.requireNonNull(telemetryEndpoint, "telemetryEndpoint");
        Objects.requireNonNull(tcpListenerFilePath, "tcpListenerFilePath");
        if (nodeId.isBlank()) {
            throw InfluxException.invalid("node id must not be empty: pass --node-id <id>");
        }
        disableAuthz = disableAuthz.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(disableAuthz));
        restrictPluginTriggersTo = restrictPluginTriggersTo.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(restrictPluginTriggersTo));
        datafusionConfig = Collections.unmodifiableMap(new LinkedHashMap<>(datafusionConfig));
        requirePositive("--object-store-connection-limit", objectStoreConnectionLimit);
        requirePositive("--wal-snapshot-size", walSnapshotSize);
        requirePositive("--wal-max-write-buffer-size", walMaxWriteBufferSize);
        requirePositive("--wal-replay-concurrency-limit", walReplayConcurrencyLimit);
        requirePositive("--snapshot-concurrency-limit", snapshotConcurrencyLimit);
        requirePositive("--max-concurrent-queries", maxConcurrentQueries);
        requirePositive("--query-file-limit", queryFileLimit);
        requirePositive("--num-datafusion-threads", numDatafusionThreads);
        requirePositive("--max-databases", maxDatabases);
        requirePositive("--max-tables", maxTablesTotal);
        requirePositive("--max-columns-per-table", maxColumnsPerTable);
        requireNotNegative("--snapshotted-wal-files-to-keep", snapshottedWalFilesToKeep);
        requireNotNegative("--query-log-size", queryLogSize);
        requireNotNegative("--table-index-cache-max-entries", tableIndexCacheMaxEntries);
        requirePositive("--table-index-cache-concurrency-limit", tableIndexCacheConcurrencyLimit);
        if (maxHttpRequestSize <= 0) {
            throw InfluxException.invalid("--max-http-request-size must be positive, got " + maxHttpRequestSize);
        }
        if (!(parquetMemCachePrunePercentage > 0.0 && parquetMemCachePrunePercentage < 1.0)) {
            throw InfluxException.invalid("--parquet-mem-cache-prune-percentage must be between 0 and 1 (exclusive), got "
                    + parquetMemCachePrunePercentage);
        }
        parseSocketAddress("--http-bind", httpBind);
        adminTokenRecoveryHttpBind.ifPresent(a -> parseSocketAddress("--admin-token-recovery-http-bind", a));
        requirePositive("--wal-flush-interval", walFlushInterval);
        requirePositive("--gen1-duration", gen1Duration);
        if (tlsKey.isPresent() != tlsCert.isPresent()) {
            throw InfluxException.invalid("tls requires both a cert and a key file to be passed in to work: set --tls-cert and --tls-key");
        }
    }

    /** Core's defaults, with the node id {@code <hostname>-node} and the file object store in {@code ~/.influxdb3}. */
    public static ServeConfig defaults() {
        return new Builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.nodeId = nodeId;
        b.objectStore = objectStore;
        b.dataDir = dataDir;
        b.bucket = bucket;
        b.awsAccessKeyId = awsAccessKeyId;
        b.awsSecretAccessKey = awsSecretAccessKey;
        b.awsDefaultRegion = awsDefaultRegion;
        b.awsEndpoint = awsEndpoint;
        b.awsSessionToken = awsSessionToken;
        b.awsAllowHttp = awsAllowHttp;
        b.awsSkipSignature = awsSkipSignature;
        b.awsCredentialsFile = awsCredentialsFile;
        b.googleServiceAccount = googleServiceAccount;
        b.azureStorageAccount = azureStorageAccount;
        b.azureStorageAccessKey = azureStorageAccessKey;
        b.azureEndpoint = azureEndpoint;
        b.azureAllowHttp = azureAllowHttp;
        b.objectStoreConnectionLimit = objectStoreConnectionLimit;
        b.objectStoreRequestTimeout = objectStoreRequestTimeout;
        b.objectStoreMaxRetries = objectStoreMaxRetries;
        b.objectStoreRetryTimeout = objectStoreRetryTimeout;
        b.objectStoreHttp2Only = objectStoreHttp2Only;
        b.objectStoreHttp2MaxFrameSize = objectStoreHttp2MaxFrameSize;
        b.objectStoreCacheEndpoint = objectStoreCacheEndpoint;
        b.objectStoreTlsAllowInsecure = objectStoreTlsAllowInsecure;
        b.objectStoreTlsCa = objectStoreTlsCa;
        b.httpBind = httpBind;
        b.adminTokenRecoveryHttpBind = adminTokenRecoveryHttpBind;
        b.tlsKey = tlsKey;
        b.tlsCert = tlsCert;
        b.tlsMinimumVersion = tlsMinimumVersion;
        b.withoutAuth = withoutAuth;
        b.disableAuthz = disableAuthz;
        b.adminTokenFile = adminTokenFile;
        b.maxHttpRequestSize = maxHttpRequestSize;
        b.execMemPoolBytes = execMemPoolBytes;
        b.gen1Duration = gen1Duration;
        b.gen1LookbackDuration = gen1LookbackDuration;
        b.walFlushInterval = walFlushInterval;
        b.walSnapshotSize = walSnapshotSize;
        b.walMaxWriteBufferSize = walMaxWriteBufferSize;
        b.walReplayFailOnError = walReplayFailOnError;
        b.walReplayConcurrencyLimit = walReplayConcurrencyLimit;
        b.snapshottedWalFilesToKeep = snapshottedWalFilesToKeep;
        b.checkpointInterval = checkpointInterval;
        b.snapshotConcurrencyLimit = snapshotConcurrencyLimit;
        b.queryLogSize = queryLogSize;
        b.maxConcurrentQueries = maxConcurrentQueries;
        b.queryFileLimit = queryFileLimit;
        b.parquetMemCacheSize = parquetMemCacheSize;
        b.parquetMemCachePrunePercentage = parquetMemCachePrunePercentage;
        b.parquetMemCachePruneInterval = parquetMemCachePruneInterval;
        b.parquetMemCacheQueryPathDuration = parquetMemCacheQueryPathDuration;
        b.disableParquetMemCache = disableParquetMemCache;
        b.forceSnapshotMemThreshold = forceSnapshotMemThreshold;
        b.lastCacheEvictionInterval = lastCacheEvictionInterval;
        b.distinctCacheEvictionInterval = distinctCacheEvictionInterval;
        b.retentionCheckInterval = retentionCheckInterval;
        b.hardDeleteDefaultDuration = hardDeleteDefaultDuration;
        b.deleteGracePeriod = deleteGracePeriod;
        b.tableIndexCacheMaxEntries = tableIndexCacheMaxEntries;
        b.tableIndexCacheConcurrencyLimit = tableIndexCacheConcurrencyLimit;
        b.pluginDir = pluginDir;
        b.virtualEnvLocation = virtualEnvLocation;
        b.packageManager = packageManager;
        b.pluginRepo = pluginRepo;
        b.restrictPluginTriggersTo = restrictPluginTriggersTo;
        b.pluginTimeLimit = pluginTimeLimit;
        b.pipelineDir = pipelineDir;
        b.numIoThreads = numIoThreads;
        b.numDatafusionThreads = numDatafusionThreads;
        b.datafusionMaxParquetFanout = datafusionMaxParquetFanout;
        b.datafusionUseCachedParquetLoader = datafusionUseCachedParquetLoader;
        b.datafusionConfig = datafusionConfig;
        b.logFilter = logFilter;
        b.logDestination = logDestination;
        b.logFormat = logFormat;
        b.tracesExporter = tracesExporter;
        b.disableTelemetryUpload = disableTelemetryUpload;
        b.telemetryEndpoint = telemetryEndpoint;
        b.testMode = testMode;
        b.tcpListenerFilePath = tcpListenerFilePath;
        b.maxDatabases = maxDatabases;
        b.maxTablesTotal = maxTablesTotal;
        b.maxColumnsPerTable = maxColumnsPerTable;
        return b;
    }

    /** The node id of the quick start: {@code <hostname>-node}. */
    public static String defaultNodeId() {
        return hostName() + "-node";
    }

    /** {@code ~/.influxdb3}. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".influxdb3");
    }

    /** The {@link #httpBind()} address, host resolved, ready to bind; {@code host:port} or {@code [v6]:port}. */
    public InetSocketAddress httpBindAddress() {
        InetSocketAddress a = parseSocketAddress("--http-bind", httpBind);
        return new InetSocketAddress(a.getHostString(), a.getPort());
    }

    /** Parses {@code host:port} or {@code [ipv6]:port} without resolving the host; the error names {@code flag}. */
    public static InetSocketAddress parseSocketAddress(String flag, String text) {
        String s = text.trim();
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw InfluxException.invalid(flag + " '" + text + "' is not an address: expected host:port, e.g. 0.0.0.0:8181");
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw InfluxException.invalid(flag + " '" + text + "' has an invalid port: expected host:port, e.g. 0.0.0.0:8181");
        }
        if (port < 0 || port > 65_535) {
            throw InfluxException.invalid(flag + " '" + text + "' has port " + port + ", the range is 0-65535");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    // ---- with* : one per field, each returns a copy ----

    public ServeConfig withNodeId(String nodeId) { return toBuilder().nodeId(nodeId).build(); }
    public ServeConfig withObjectStore(ObjectStoreKind objectStore) { return toBuilder().objectStore(objectStore).build(); }
    public ServeConfig withDataDir(Path dataDir) { return toBuilder().dataDir(dataDir).build(); }
    public ServeConfig withBucket(String bucket) { return toBuilder().bucket(bucket).build(); }
    public ServeConfig withAwsAccessKeyId(String awsAccessKeyId) { return toBuilder().awsAccessKeyId(awsAccessKeyId).build(); }
    public ServeConfig withAwsSecretAccessKey(String awsSecretAccessKey) { return toBuilder().awsSecretAccessKey(awsSecretAccessKey).build(); }
    public ServeConfig withAwsDefaultRegion(String awsDefaultRegion) { return toBuilder().awsDefaultRegion(awsDefaultRegion).build(); }
    public ServeConfig withAwsEndpoint(String awsEndpoint) { return toBuilder().awsEndpoint(awsEndpoint).build(); }
    public ServeConfig withAwsSessionToken(String awsSessionToken) { return toBuilder().awsSessionToken(awsSessionToken).build(); }
    public ServeConfig withAwsAllowHttp(boolean awsAllowHttp) { return toBuilder().awsAllowHttp(awsAllowHttp).build(); }
    public ServeConfig withAwsSkipSignature(boolean awsSkipSignature) { return toBuilder().awsSkipSignature(awsSkipSignature).build(); }
    public ServeConfig withAwsCredentialsFile(Path awsCredentialsFile) { return toBuilder().awsCredentialsFile(awsCredentialsFile).build(); }
    public ServeConfig withGoogleServiceAccount(String googleServiceAccount) { return toBuilder().googleServiceAccount(googleServiceAccount).build(); }
    public ServeConfig withAzureStorageAccount(String azureStorageAccount) { return toBuilder().azureStorageAccount(azureStorageAccount).build(); }
    public ServeConfig withAzureStorageAccessKey(String azureStorageAccessKey) { return toBuilder().azureStorageAccessKey(azureStorageAccessKey).build(); }
    public ServeConfig withAzureEndpoint(String azureEndpoint) { return toBuilder().azureEndpoint(azureEndpoint).build(); }
    public ServeConfig withAzureAllowHttp(boolean azureAllowHttp) { return toBuilder().azureAllowHttp(azureAllowHttp).build(); }
    public ServeConfig withObjectStoreConnectionLimit(int objectStoreConnectionLimit) { return toBuilder().objectStoreConnectionLimit(objectStoreConnectionLimit).build(); }
    public ServeConfig withObjectStoreRequestTimeout(Duration objectStoreRequestTimeout) { return toBuilder().objectStoreRequestTimeout(objectStoreRequestTimeout).build(); }
    public ServeConfig withObjectStoreMaxRetries(Integer objectStoreMaxRetries) { return toBuilder().objectStoreMaxRetries(objectStoreMaxRetries).build(); }
    public ServeConfig withObjectStoreRetryTimeout(Duration objectStoreRetryTimeout) { return toBuilder().objectStoreRetryTimeout(objectStoreRetryTimeout).build(); }
    public ServeConfig withObjectStoreHttp2Only(boolean objectStoreHttp2Only) { return toBuilder().objectStoreHttp2Only(objectStoreHttp2Only).build(); }
    public ServeConfig withObjectStoreHttp2MaxFrameSize(Integer objectStoreHttp2MaxFrameSize) { return toBuilder().objectStoreHttp2MaxFrameSize(objectStoreHttp2MaxFrameSize).build(); }
    public ServeConfig withObjectStoreCacheEndpoint(String objectStoreCacheEndpoint) { return toBuilder().objectStoreCacheEndpoint(objectStoreCacheEndpoint).build(); }
    public ServeConfig withObjectStoreTlsAllowInsecure(boolean objectStoreTlsAllowInsecure) { return toBuilder().objectStoreTlsAllowInsecure(objectStoreTlsAllowInsecure).build(); }
    public ServeConfig withObjectStoreTlsCa(Path objectStoreTlsCa) { return toBuilder().objectStoreTlsCa(objectStoreTlsCa).build(); }
    public ServeConfig withHttpBind(String httpBind) { return toBuilder().httpBind(httpBind).build(); }
    public ServeConfig withAdminTokenRecoveryHttpBind(String adminTokenRecoveryHttpBind) { return toBuilder().adminTokenRecoveryHttpBind(adminTokenRecoveryHttpBind).build(); }
    public ServeConfig withTlsKey(Path tlsKey) { return toBuilder().tlsKey(tlsKey).build(); }
    public ServeConfig withTlsCert(Path tlsCert) { return toBuilder().tlsCert(tlsCert).build(); }
    public ServeConfig withTlsMinimumVersion(TlsVersion tlsMinimumVersion) { return toBuilder().tlsMinimumVersion(tlsMinimumVersion).build(); }
    public ServeConfig withoutAuth(boolean withoutAuth) { return toBuilder().withoutAuth(withoutAuth).build(); }
    public ServeConfig withDisableAuthz(Set<AuthzExemption> disableAuthz) { return toBuilder().disableAuthz(disableAuthz).build(); }
    public ServeConfig withAdminTokenFile(Path adminTokenFile) { return toBuilder().adminTokenFile(adminTokenFile).build(); }
    public ServeConfig withMaxHttpRequestSize(long maxHttpRequestSize) { return toBuilder().maxHttpRequestSize(maxHttpRequestSize).build(); }
    public ServeConfig withExecMemPoolBytes(MemorySize execMemPoolBytes) { return toBuilder().execMemPoolBytes(execMemPoolBytes).build(); }
    public ServeConfig withGen1Duration(Duration gen1Duration) { return toBuilder().gen1Duration(gen1Duration).build(); }
    public ServeConfig withGen1LookbackDuration(Duration gen1LookbackDuration) { return toBuilder().gen1LookbackDuration(gen1LookbackDuration).build(); }
    public ServeConfig withWalFlushInterval(Duration walFlushInterval) { return toBuilder().walFlushInterval(walFlushInterval).build(); }
    public ServeConfig withWalSnapshotSize(int walSnapshotSize) { return toBuilder().walSnapshotSize(walSnapshotSize).build(); }
    public ServeConfig withWalMaxWriteBufferSize(int walMaxWriteBufferSize) { return toBuilder().walMaxWriteBufferSize(walMaxWriteBufferSize).build(); }
    public ServeConfig withWalReplayFailOnError(boolean walReplayFailOnError) { return toBuilder().walReplayFailOnError(walReplayFailOnError).build(); }
    public ServeConfig withWalReplayConcurrencyLimit(int walReplayConcurrencyLimit) { return toBuilder().walReplayConcurrencyLimit(walReplayConcurrencyLimit).build(); }
    public ServeConfig withSnapshottedWalFilesToKeep(int snapshottedWalFilesToKeep) { return toBuilder().snapshottedWalFilesToKeep(snapshottedWalFilesToKeep).build(); }
    public ServeConfig withCheckpointInterval(Duration checkpointInterval) { return toBuilder().checkpointInterval(checkpointInterval).build(); }
    public ServeConfig withSnapshotConcurrencyLimit(int snapshotConcurrencyLimit) { return toBuilder().snapshotConcurrencyLimit(snapshotConcurrencyLimit).build(); }
    public ServeConfig withQueryLogSize(int queryLogSize) { return toBuilder().queryLogSize(queryLogSize).build(); }
    public ServeConfig withMaxConcurrentQueries(int maxConcurrentQueries) { return toBuilder().maxConcurrentQueries(maxConcurrentQueries).build(); }
    public ServeConfig withQueryFileLimit(int queryFileLimit) { return toBuilder().queryFileLimit(queryFileLimit).build(); }
    public ServeConfig withParquetMemCacheSize(MemorySize parquetMemCacheSize) { return toBuilder().parquetMemCacheSize(parquetMemCacheSize).build(); }
    public ServeConfig withParquetMemCachePrunePercentage(double parquetMemCachePrunePercentage) { return toBuilder().parquetMemCachePrunePercentage(parquetMemCachePrunePercentage).build(); }
    public ServeConfig withParquetMemCachePruneInterval(Duration parquetMemCachePruneInterval) { return toBuilder().parquetMemCachePruneInterval(parquetMemCachePruneInterval).build(); }
    public ServeConfig withParquetMemCacheQueryPathDuration(Duration parquetMemCacheQueryPathDuration) { return toBuilder().parquetMemCacheQueryPathDuration(parquetMemCacheQueryPathDuration).build(); }
    public ServeConfig withDisableParquetMemCache(boolean disableParquetMemCache) { return toBuilder().disableParquetMemCache(disableParquetMemCache).build(); }
    public ServeConfig withForceSnapshotMemThreshold(MemorySize forceSnapshotMemThreshold) { return toBuilder().forceSnapshotMemThreshold(forceSnapshotMemThreshold).build(); }
    public ServeConfig withLastCacheEvictionInterval(Duration lastCacheEvictionInterval) { return toBuilder().lastCacheEvictionInterval(lastCacheEvictionInterval).build(); }
    public ServeConfig withDistinctCacheEvictionInterval(Duration distinctCacheEvictionInterval) { return toBuilder().distinctCacheEvictionInterval(distinctCacheEvictionInterval).build(); }
    public ServeConfig withRetentionCheckInterval(Duration retentionCheckInterval) { return toBuilder().retentionCheckInterval(retentionCheckInterval).build(); }
    public ServeConfig withHardDeleteDefaultDuration(Duration hardDeleteDefaultDuration) { return toBuilder().hardDeleteDefaultDuration(hardDeleteDefaultDuration).build(); }
    public ServeConfig withDeleteGracePeriod(Duration deleteGracePeriod) { return toBuilder().deleteGracePeriod(deleteGracePeriod).build(); }
    public ServeConfig withTableIndexCacheMaxEntries(int tableIndexCacheMaxEntries) { return toBuilder().tableIndexCacheMaxEntries(tableIndexCacheMaxEntries).build(); }
    public ServeConfig withTableIndexCacheConcurrencyLimit(int tableIndexCacheConcurrencyLimit) { return toBuilder().tableIndexCacheConcurrencyLimit(tableIndexCacheConcurrencyLimit).build(); }
    public ServeConfig withPluginDir(Path pluginDir) { return toBuilder().pluginDir(pluginDir).build(); }
    public ServeConfig withVirtualEnvLocation(Path virtualEnvLocation) { return toBuilder().virtualEnvLocation(virtualEnvLocation).build(); }
    public ServeConfig withPackageManager(PackageManager packageManager) { return toBuilder().packageManager(packageManager).build(); }
    public ServeConfig withPluginRepo(String pluginRepo) { return toBuilder().pluginRepo(pluginRepo).build(); }
    public ServeConfig withPipelineDir(Path pipelineDir) { return toBuilder().pipelineDir(pipelineDir).build(); }
    public ServeConfig withPluginTimeLimit(Duration pluginTimeLimit) { return toBuilder().pluginTimeLimit(pluginTimeLimit).build(); }
    public ServeConfig withRestrictPluginTriggersTo(Set<TriggerKind> restrictPluginTriggersTo) { return toBuilder().restrictPluginTriggersTo(restrictPluginTriggersTo).build(); }
    public ServeConfig withNumIoThreads(Integer numIoThreads) { return toBuilder().numIoThreads(numIoThreads).build(); }
    public ServeConfig withNumDatafusionThreads(int numDatafusionThreads) { return toBuilder().numDatafusionThreads(numDatafusionThreads).build(); }
    public ServeConfig withDatafusionMaxParquetFanout(int datafusionMaxParquetFanout) { return toBuilder().datafusionMaxParquetFanout(datafusionMaxParquetFanout).build(); }
    public ServeConfig withDatafusionUseCachedParquetLoader(boolean datafusionUseCachedParquetLoader) { return toBuilder().datafusionUseCachedParquetLoader(datafusionUseCachedParquetLoader).build(); }
    public ServeConfig withDatafusionConfig(Map<String, String> datafusionConfig) { return toBuilder().datafusionConfig(datafusionConfig).build(); }
    public ServeConfig withLogFilter(String logFilter) { return toBuilder().logFilter(logFilter).build(); }
    public ServeConfig withLogDestination(String logDestination) { return toBuilder().logDestination(logDestination).build(); }
    public ServeConfig withLogFormat(String logFormat) { return toBuilder().logFormat(logFormat).build(); }
    public ServeConfig withTracesExporter(String tracesExporter) { return toBuilder().tracesExporter(tracesExporter).build(); }
    public ServeConfig withDisableTelemetryUpload(boolean disableTelemetryUpload) { return toBuilder().disableTelemetryUpload(disableTelemetryUpload).build(); }
    public ServeConfig withTelemetryEndpoint(String telemetryEndpoint) { return toBuilder().telemetryEndpoint(telemetryEndpoint).build(); }
    public ServeConfig withTestMode(boolean testMode) { return toBuilder().testMode(testMode).build(); }
    public ServeConfig withTcpListenerFilePath(Path tcpListenerFilePath) { return toBuilder().tcpListenerFilePath(tcpListenerFilePath).build(); }
    public ServeConfig withMaxDatabases(int maxDatabases) { return toBuilder().maxDatabases(maxDatabases).build(); }
    public ServeConfig withMaxTablesTotal(int maxTablesTotal) { return toBuilder().maxTablesTotal(maxTablesTotal).build(); }
    public ServeConfig withMaxColumnsPerTable(int maxColumnsPerTable) { return toBuilder().maxColumnsPerTable(maxColumnsPerTable).build(); }
    /** {@code withObjectStore("memory")}: parses the {@code --object-store} value. */
    public ServeConfig withObjectStore(String objectStore) {
        return withObjectStore(ObjectStoreKind.parse(objectStore));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ServeConfig[");
        var components = ServeConfig.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            var c = components[i];
            if (i > 0) {
                sb.append(", ");
            }
            Object value;
            try {
                value = c.getAccessor().invoke(this);
            } catch (ReflectiveOperationException e) {
                value = "?";
            }
            if (SECRETS.contains(c.getName()) && value instanceof Optional<?> o && o.isPresent()) {
                value = "Optional[<redacted>]";
            }
            sb.append(c.getName()).append('=').append(value);
        }
        return sb.append(']').toString();
    }

    private static void requirePositive(String flag, int value) {
        if (value <= 0) {
            throw InfluxException.invalid(flag + " must be positive, got " + value);
        }
    }

    private static void requireNotNegative(String flag, int value) {
        if (value < 0) {
            throw InfluxException.invalid(flag + " must not be negative, got " + value);
        }
    }

    private static void requirePositive(String flag, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw InfluxException.invalid(flag + " must be longer than zero, got " + value);
        }
    }

    private static String hostName() {
        // Avoid InetAddress.getLocalHost() first: on hosts with broken DNS it blocks for seconds.
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String name = Files.readString(etc).trim();
                if (!name.isEmpty()) {
                    return name;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    /** Parses {@code --datafusion-config k:v,k2:v2} into an ordered map; a repeated key or a pair without {@code :} is an error. */
    public static Map<String, String> parseDatafusionConfig(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            return out;
        }
        for (String part : s.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                throw InfluxException.invalid("Invalid key value pair - expected 'KEY:VALUE' got '" + part.trim()
                        + "' in --datafusion-config '" + s + "'");
            }
            String key = part.substring(0, colon).trim();
            String value = part.substring(colon + 1).trim();
            if (out.putIfAbsent(key, value) != null) {
                throw InfluxException.invalid("key '" + key + "' passed multiple times in --datafusion-config");
            }
        }
        return out;
    }

    /** {@code --object-store} values; {@link #parse} is case-insensitive and also takes Core's {@code memorythrottled}. */
    public enum ObjectStoreKind {
        MEMORY("memory"), MEMORY_THROTTLED("memory-throttled"), FILE("file"), S3("s3"), GOOGLE("google"), AZURE("azure");

        private final String flagValue;

        ObjectStoreKind(String flagValue) {
            this.flagValue = flagValue;
        }

        public String flagValue() {
            return flagValue;
        }

        public static ObjectStoreKind parse(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (s.equals("memorythrottled")) {
                return MEMORY_THROTTLED;
            }
            for (ObjectStoreKind kind : values()) {
                if (kind.flagValue.equals(s)) {
                    return kind;
                }
            }
            throw InfluxException.invalid("invalid --object-store '" + text + "': expected one of "
                    + Arrays.stream(values()).map(ObjectStoreKind::flagValue).collect(Collectors.joining(", ")));
        }
    }

    /** {@code --tls-minimum-version}: {@code tls-1.2} or {@code tls-1.3}. */
    public enum TlsVersion {
        TLS_1_2("tls-1.2", "TLSv1.2"), TLS_1_3("tls-1.3", "TLSv1.3");

        private final String flagValue;
        private final String jdkName;

        TlsVersion(String flagValue, String jdkName) {
            this.flagValue = flagValue;
            this.jdkName = jdkName;
        }

        public String flagValue() {
            return flagValue;
        }

        /** The JSSE protocol name, e.g. {@code TLSv1.2}. */
        public String jdkName() {
            return jdkName;
        }

        public static TlsVersion parse(String text) {
            for (TlsVersion v : values()) {
                if (v.flagValue.equals(text.trim())) {
                    return v;
                }
            }
            throw InfluxException.invalid("invalid --tls-minimum-version '" + text
                    + "': Valid minimum version strings are tls-1.2 and tls-1.3");
        }
    }

    /** {@code --package-manager}: how the processing engine installs Python packages. */
    public enum PackageManager {
        DISCOVER, PIP, UV, DISABLED;

        public String flagValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static PackageManager parse(String text) {
            for (PackageManager p : values()) {
                if (p.flagValue().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
            throw InfluxException.invalid("invalid --package-manager '" + text + "': expected discover, pip, uv or disabled");
        }
    }

    /** Resources that {@code --disable-authz} serves without a token, with the paths each one opens. */
    public enum AuthzExemption {
        HEALTH("health", List.of("/health", "/api/v1/health")),
        PING("ping", List.of("/ping")),
        METRICS("metrics", List.of("/metrics")),
        READY("ready", List.of("/ready")),
        PPROF("pprof", List.of("/debug/pprof/heap")),
        /** Enterprise only: accepted and meaningless in Core. */
        NODE_STOP("node_stop", List.of());

        private final String flagValue;
        private final List<String> paths;

        AuthzExemption(String flagValue, List<String> paths) {
            this.flagValue = flagValue;
            this.paths = paths;
        }

        public String flagValue() {
            return flagValue;
        }

        public List<String> paths() {
            return paths;
        }

        /** Parses {@code health,ping,...}; an unknown item gets Core's message. */
        public static Set<AuthzExemption> parseList(String text) {
            List<String> items = splitList(text);
            if (items.size() > values().length) {
                throw InfluxException.invalid("too many values passed in for --disable-authz: at most " + values().length);
            }
            EnumSet<AuthzExemption> out = EnumSet.noneOf(AuthzExemption.class);
            for (String item : items) {
                AuthzExemption found = null;
                for (AuthzExemption e : values()) {
                    if (e.flagValue.equals(item)) {
                        found = e;
                    }
                }
                if (found == null) {
                    throw InfluxException.invalid("invalid value passed in for --disable-authz, allowed values are health,"
                            + " ping, metrics, ready, pprof, and node_stop");
                }
                out.add(found);
            }
            return out;
        }
    }

    /** Processing-engine trigger kinds, for {@code --restrict-plugin-triggers-to}. */
    public enum TriggerKind {
        WAL, SCHEDULE, REQUEST;

        public String flagValue() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code wal,schedule,request}. */
        public static Set<TriggerKind> parseList(String text) {
            EnumSet<TriggerKind> out = EnumSet.noneOf(TriggerKind.class);
            for (String item : splitList(text)) {
                TriggerKind found = null;
                for (TriggerKind k : values()) {
                    if (k.flagValue().equals(item)) {
                        found = k;
                    }
                }
                if (found == null) {
                    throw InfluxException.invalid("invalid value '" + item
                            + "' passed in for --restrict-plugin-triggers-to, allowed values are wal, schedule and request");
                }
                out.add(found);
            }
            return out;
        }
    }

    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (String part : text.split(",")) {
            String item = part.trim().toLowerCase(Locale.ROOT);
            if (!item.isEmpty()) {
                out.add(item);
            }
        }
        return out;
    }

    /** Renders a set of exemptions or trigger kinds back to flag text, e.g. {@code health,ping}. */
    public static String flagList(Collection<? extends Enum<?>> values) {
        return values.stream().map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(","));
    }

    /**
     * A memory size that is either absolute or a percentage of the machine's memory, as Core's {@code MemorySizeMb}
     * flags take it: {@code 20%}, {@code 4096} (megabytes, 10^6 bytes as in Core), {@code 500000b}, {@code 512kb},
     * {@code 2gb}. Exactly one of {@code bytes} and {@code percent} is meaningful: {@code percent < 0} means absolute.
     */
    public record MemorySize(long bytes, double percent) {
        public MemorySize {
            if (percent >= 0 && (percent > 100 || bytes != 0)) {
                throw InfluxException.invalid("memory size percentage must be in 0..100, got " + percent + "%");
            }
            if (percent < 0 && bytes < 0) {
                throw InfluxException.invalid("memory size must not be negative, got " + bytes);
            }
        }

        public static MemorySize ofBytes(long bytes) {
            return new MemorySize(bytes, -1);
        }

        public static MemorySize ofPercent(double percent) {
            return new MemorySize(0, percent);
        }

        public boolean isPercent() {
            return percent >= 0;
        }

        /** Bytes: the absolute value, or the percentage of {@code totalBytes} (e.g. physical memory). */
        public long resolve(long totalBytes) {
            return isPercent() ? (long) (totalBytes * percent / 100.0) : bytes;
        }

        /** Parses {@code N%}, bare {@code N} (megabytes), or {@code N} with a {@code b/kb/mb/gb} suffix. */
        public static MemorySize parse(String text) {
            String s = text.trim().toLowerCase(Locale.ROOT);
            try {
                if (s.endsWith("%")) {
                    return ofPercent(Double.parseDouble(s.substring(0, s.length() - 1).trim()));
                }
                if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
                    return ofBytes(Math.multiplyExact(Long.parseLong(s), 1_000_000L));
                }
                return ofBytes(DataSize.parse(s, 0));
            } catch (NumberFormatException | ArithmeticException | InfluxException e) {
                throw InfluxException.invalid("invalid memory size '" + text
                        + "': expected megabytes (4096), a size with a unit (512mb, 2gb, 1000b) or a percentage (20%)");
            }
        }

        @Override
        public String toString() {
            if (isPercent()) {
                return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
            }
            return bytes + "b";
        }
    }


    /** Mutable builder; every setter takes the plain value ({@code null} clears an optional setting). */
    public static final class Builder {
        private String nodeId = defaultNodeId();
        private ObjectStoreKind objectStore = ObjectStoreKind.FILE;
        private Path dataDir = defaultDataDir();
        private Optional<String> bucket = Optional.empty();
        private Optional<String> awsAccessKeyId = Optional.empty();
        private Optional<String> awsSecretAccessKey = Optional.empty();
        private String awsDefaultRegion = "us-east-1";
        private Optional<String> awsEndpoint = Optional.empty();
        private Optional<String> awsSessionToken = Optional.empty();
        private boolean awsAllowHttp = false;
        private boolean awsSkipSignature = false;
        private Optional<Path> awsCredentialsFile = Optional.empty();
        private Optional<String> googleServiceAccount = Optional.empty();
        private Optional<String> azureStorageAccount = Optional.empty();
        private Optional<String> azureStorageAccessKey = Optional.empty();
        private Optional<String> azureEndpoint = Optional.empty();
        private boolean azureAllowHttp = false;
        private int objectStoreConnectionLimit = 64;
        private Duration objectStoreRequestTimeout = Duration.ofSeconds(30);
        private OptionalInt objectStoreMaxRetries = OptionalInt.empty();
        private Optional<Duration> objectStoreRetryTimeout = Optional.empty();
        private boolean objectStoreHttp2Only = false;
        private OptionalInt objectStoreHttp2MaxFrameSize = OptionalInt.empty();
        private Optional<String> objectStoreCacheEndpoint = Optional.empty();
        private boolean objectStoreTlsAllowInsecure = false;
        private Optional<Path> objectStoreTlsCa = Optional.empty();
        private String httpBind = "0.0.0.0:8181";
        private Optional<String> adminTokenRecoveryHttpBind = Optional.empty();
        private Optional<Path> tlsKey = Optional.empty();
        private Optional<Path> tlsCert = Optional.empty();
        private TlsVersion tlsMinimumVersion = TlsVersion.TLS_1_2;
        private boolean withoutAuth = false;
        private Set<AuthzExemption> disableAuthz = Set.of();
        private Optional<Path> adminTokenFile = Optional.empty();
        private long maxHttpRequestSize = 10_485_760L;
        private MemorySize execMemPoolBytes = MemorySize.ofPercent(20);
        private Duration gen1Duration = Duration.ofMinutes(10);
        private Duration gen1LookbackDuration = HumanDuration.parse("1month");
        private Duration walFlushInterval = Duration.ofSeconds(1);
        private int walSnapshotSize = 600;
        private int walMaxWriteBufferSize = 100_000;
        private boolean walReplayFailOnError = false;
        private int walReplayConcurrencyLimit = Math.max(CPUS, 10);
        private int snapshottedWalFilesToKeep = 300;
        private Optional<Duration> checkpointInterval = Optional.empty();
        private int snapshotConcurrencyLimit = CPUS;
        private int queryLogSize = 1000;
        private int maxConcurrentQueries = Integer.MAX_VALUE;
        private int queryFileLimit = 432;
        private MemorySize parquetMemCacheSize = MemorySize.ofPercent(20);
        private double parquetMemCachePrunePercentage = 0.1;
        private Duration parquetMemCachePruneInterval = Duration.ofSeconds(1);
        private Duration parquetMemCacheQueryPathDuration = Duration.ofHours(5);
        private boolean disableParquetMemCache = false;
        private MemorySize forceSnapshotMemThreshold = MemorySize.ofPercent(50);
        private Duration lastCacheEvictionInterval = Duration.ofSeconds(10);
        private Duration distinctCacheEvictionInterval = Duration.ofSeconds(10);
        private Duration retentionCheckInterval = Duration.ofMinutes(30);
        private Duration hardDeleteDefaultDuration = Duration.ofHours(72);
        private Duration deleteGracePeriod = Duration.ofHours(24);
        private int tableIndexCacheMaxEntries = 100;
        private int tableIndexCacheConcurrencyLimit = 20;
        private Optional<Path> pluginDir = Optional.empty();
        private Optional<Path> virtualEnvLocation = Optional.empty();
        private PackageManager packageManager = PackageManager.DISCOVER;
        private Optional<String> pluginRepo = Optional.empty();
        private Set<TriggerKind> restrictPluginTriggersTo = Set.of();
        private Duration pluginTimeLimit = DEFAULT_PLUGIN_TIME_LIMIT;
        private Optional<Path> pipelineDir = Optional.empty();
        private OptionalInt numIoThreads = OptionalInt.empty();
        private int numDatafusionThreads = CPUS;
        private int datafusionMaxParquetFanout = 1000;
        private boolean datafusionUseCachedParquetLoader = true;
        private Map<String, String> datafusionConfig = Map.of();
        private String logFilter = "info";
        private String logDestination = "stdout";
        private String logFormat = "full";
        private String tracesExporter = "none";
        private boolean disableTelemetryUpload = false;
        private String telemetryEndpoint = "https://telemetry.v3.influxdata.com";
        private boolean testMode = false;
        private Optional<Path> tcpListenerFilePath = Optional.empty();
        private int maxDatabases = 100;
        private int maxTablesTotal = 10_000;
        private int maxColumnsPerTable = 1000;

        private Builder() {
        }

        /** Prefix of every object-store path ({@code --node-id}, alias {@code --host-id}); quick start uses {@code <hostname>-node}. */
        public Builder nodeId(String nodeId) {
            this.nodeId = nodeId;
            return this;
        }

        /** Which object store to use ({@code --object-store}). */
        public Builder objectStore(ObjectStoreKind objectStore) {
            this.objectStore = objectStore;
            return this;
        }

        /** Root directory of the file object store ({@code --data-dir}, default {@code ~/.influxdb3}). */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Bucket or container of a cloud object store ({@code --bucket}). */
        public Builder bucket(String bucket) {
            this.bucket = Optional.ofNullable(bucket);
            return this;
        }

        /** {@code --aws-access-key-id}; an empty value counts as absent. */
        public Builder awsAccessKeyId(String awsAccessKeyId) {
            this.awsAccessKeyId = Optional.ofNullable(awsAccessKeyId);
            return this;
        }

        /** {@code --aws-secret-access-key}; redacted by {@link #toString()}. */
        public Builder awsSecretAccessKey(String awsSecretAccessKey) {
            this.awsSecretAccessKey = Optional.ofNullable(awsSecretAccessKey);
            return this;
        }

        /** {@code --aws-default-region}. */
        public Builder awsDefaultRegion(String awsDefaultRegion) {
            this.awsDefaultRegion = awsDefaultRegion;
            return this;
        }

        /** Endpoint of an S3-compatible store ({@code --aws-endpoint}). */
        public Builder awsEndpoint(String awsEndpoint) {
            this.awsEndpoint = Optional.ofNullable(awsEndpoint);
            return this;
        }

        /** {@code --aws-session-token}; redacted by {@link #toString()}. */
        public Builder awsSessionToken(String awsSessionToken) {
            this.awsSessionToken = Optional.ofNullable(awsSessionToken);
            return this;
        }

        /** {@code --aws-allow-http}. */
        public Builder awsAllowHttp(boolean awsAllowHttp) {
            this.awsAllowHttp = awsAllowHttp;
            return this;
        }

        /** {@code --aws-skip-signature}. */
        public Builder awsSkipSignature(boolean awsSkipSignature) {
            this.awsSkipSignature = awsSkipSignature;
            return this;
        }

        /** {@code --aws-credentials-file}. */
        public Builder awsCredentialsFile(Path awsCredentialsFile) {
            this.awsCredentialsFile = Optional.ofNullable(awsCredentialsFile);
            return this;
        }

        /** {@code --google-service-account}. */
        public Builder googleServiceAccount(String googleServiceAccount) {
            this.googleServiceAccount = Optional.ofNullable(googleServiceAccount);
            return this;
        }

        /** {@code --azure-storage-account}. */
        public Builder azureStorageAccount(String azureStorageAccount) {
            this.azureStorageAccount = Optional.ofNullable(azureStorageAccount);
            return this;
        }

        /** {@code --azure-storage-access-key}; redacted by {@link #toString()}. */
        public Builder azureStorageAccessKey(String azureStorageAccessKey) {
            this.azureStorageAccessKey = Optional.ofNullable(azureStorageAccessKey);
            return this;
        }

        /** {@code --azure-endpoint}. */
        public Builder azureEndpoint(String azureEndpoint) {
            this.azureEndpoint = Optional.ofNullable(azureEndpoint);
            return this;
        }

        /** {@code --azure-allow-http}. */
        public Builder azureAllowHttp(boolean azureAllowHttp) {
            this.azureAllowHttp = azureAllowHttp;
            return this;
        }

        /** Connections to a network object store ({@code --object-store-connection-limit}). */
        public Builder objectStoreConnectionLimit(int objectStoreConnectionLimit) {
            this.objectStoreConnectionLimit = objectStoreConnectionLimit;
            return this;
        }

        /** {@code --object-store-request-timeout}. */
        public Builder objectStoreRequestTimeout(Duration objectStoreRequestTimeout) {
            this.objectStoreRequestTimeout = objectStoreRequestTimeout;
            return this;
        }

        /** {@code --object-store-max-retries}; empty means the store's default. */
        public Builder objectStoreMaxRetries(Integer objectStoreMaxRetries) {
            this.objectStoreMaxRetries = objectStoreMaxRetries == null ? OptionalInt.empty() : OptionalInt.of(objectStoreMaxRetries);
            return this;
        }

        /** {@code --object-store-retry-timeout}. */
        public Builder objectStoreRetryTimeout(Duration objectStoreRetryTimeout) {
            this.objectStoreRetryTimeout = Optional.ofNullable(objectStoreRetryTimeout);
            return this;
        }

        /** {@code --object-store-http2-only}. */
        public Builder objectStoreHttp2Only(boolean objectStoreHttp2Only) {
            this.objectStoreHttp2Only = objectStoreHttp2Only;
            return this;
        }

        /** {@code --object-store-http2-max-frame-size}. */
        public Builder objectStoreHttp2MaxFrameSize(Integer objectStoreHttp2MaxFrameSize) {
            this.objectStoreHttp2MaxFrameSize = objectStoreHttp2MaxFrameSize == null ? OptionalInt.empty() : OptionalInt.of(objectStoreHttp2MaxFrameSize);
            return this;
        }

        /** {@code --object-store-cache-endpoint}. */
        public Builder objectStoreCacheEndpoint(String objectStoreCacheEndpoint) {
            this.objectStoreCacheEndpoint = Optional.ofNullable(objectStoreCacheEndpoint);
            return this;
        }

        /** {@code --object-store-tls-allow-insecure}. */
        public Builder objectStoreTlsAllowInsecure(boolean objectStoreTlsAllowInsecure) {
            this.objectStoreTlsAllowInsecure = objectStoreTlsAllowInsecure;
            return this;
        }

        /** {@code --object-store-tls-ca}. */
        public Builder objectStoreTlsCa(Path objectStoreTlsCa) {
            this.objectStoreTlsCa = Optional.ofNullable(objectStoreTlsCa);
            return this;
        }

        /** {@code host:port} of the HTTP, gRPC and Flight listener ({@code --http-bind}); port 0 picks a free port. */
        public Builder httpBind(String httpBind) {
            this.httpBind = httpBind;
            return this;
        }

        /** Address of the admin-token recovery listener; empty means off ({@code --admin-token-recovery-http-bind}). */
        public Builder adminTokenRecoveryHttpBind(String adminTokenRecoveryHttpBind) {
            this.adminTokenRecoveryHttpBind = Optional.ofNullable(adminTokenRecoveryHttpBind);
            return this;
        }

        /** PEM private key ({@code --tls-key}); set together with {@link #tlsCert()}. */
        public Builder tlsKey(Path tlsKey) {
            this.tlsKey = Optional.ofNullable(tlsKey);
            return this;
        }

        /** PEM certificate chain ({@code --tls-cert}). */
        public Builder tlsCert(Path tlsCert) {
            this.tlsCert = Optional.ofNullable(tlsCert);
            return this;
        }

        /** {@code --tls-minimum-version}. */
        public Builder tlsMinimumVersion(TlsVersion tlsMinimumVersion) {
            this.tlsMinimumVersion = tlsMinimumVersion;
            return this;
        }

        /** Accept every request without a token ({@code --without-auth}). */
        public Builder withoutAuth(boolean withoutAuth) {
            this.withoutAuth = withoutAuth;
            return this;
        }

        /** Endpoints served without a token ({@code --disable-authz}). */
        public Builder disableAuthz(Set<AuthzExemption> disableAuthz) {
            this.disableAuthz = disableAuthz;
            return this;
        }

        /** Offline admin token file loaded at startup ({@code --admin-token-file}). */
        public Builder adminTokenFile(Path adminTokenFile) {
            this.adminTokenFile = Optional.ofNullable(adminTokenFile);
            return this;
        }

        /** Largest accepted HTTP request body in bytes ({@code --max-http-request-size}). */
        public Builder maxHttpRequestSize(long maxHttpRequestSize) {
            this.maxHttpRequestSize = maxHttpRequestSize;
            return this;
        }

        /** Query execution memory pool ({@code --exec-mem-pool-bytes}; a bare number is megabytes). */
        public Builder execMemPoolBytes(MemorySize execMemPoolBytes) {
            this.execMemPoolBytes = execMemPoolBytes;
            return this;
        }

        /** Time span of one gen1 Parquet file ({@code --gen1-duration}: 1m, 5m or 10m). */
        public Builder gen1Duration(Duration gen1Duration) {
            this.gen1Duration = gen1Duration;
            return this;
        }

        /** How far back the gen1 file index is loaded at startup ({@code --gen1-lookback-duration}). */
        public Builder gen1LookbackDuration(Duration gen1LookbackDuration) {
            this.gen1LookbackDuration = gen1LookbackDuration;
            return this;
        }

        /** Interval between WAL flushes; a durable write waits up to this long ({@code --wal-flush-interval}). */
        public Builder walFlushInterval(Duration walFlushInterval) {
            this.walFlushInterval = walFlushInterval;
            return this;
        }

        /** WAL files per snapshot ({@code --wal-snapshot-size}). */
        public Builder walSnapshotSize(int walSnapshotSize) {
            this.walSnapshotSize = walSnapshotSize;
            return this;
        }

        /** Writes buffered before a flush must succeed ({@code --wal-max-write-buffer-size}). */
        public Builder walMaxWriteBufferSize(int walMaxWriteBufferSize) {
            this.walMaxWriteBufferSize = walMaxWriteBufferSize;
            return this;
        }

        /** Refuse to start on a corrupt WAL file instead of skipping it ({@code --wal-replay-fail-on-error}). */
        public Builder walReplayFailOnError(boolean walReplayFailOnError) {
            this.walReplayFailOnError = walReplayFailOnError;
            return this;
        }

        /** WAL files replayed in parallel at startup ({@code --wal-replay-concurrency-limit}). */
        public Builder walReplayConcurrencyLimit(int walReplayConcurrencyLimit) {
            this.walReplayConcurrencyLimit = walReplayConcurrencyLimit;
            return this;
        }

        /** Snapshotted WAL files kept in the object store ({@code --snapshotted-wal-files-to-keep}). */
        public Builder snapshottedWalFilesToKeep(int snapshottedWalFilesToKeep) {
            this.snapshottedWalFilesToKeep = snapshottedWalFilesToKeep;
            return this;
        }

        /** Interval between catalog checkpoints; empty means off ({@code --checkpoint-interval}). */
        public Builder checkpointInterval(Duration checkpointInterval) {
            this.checkpointInterval = Optional.ofNullable(checkpointInterval);
            return this;
        }

        /** Parquet files persisted in parallel during a snapshot ({@code --snapshot-concurrency-limit}). */
        public Builder snapshotConcurrencyLimit(int snapshotConcurrencyLimit) {
            this.snapshotConcurrencyLimit = snapshotConcurrencyLimit;
            return this;
        }

        /** Queries kept in {@code system.queries} ({@code --query-log-size}). */
        public Builder queryLogSize(int queryLogSize) {
            this.queryLogSize = queryLogSize;
            return this;
        }

        /** Queries executed at once ({@code --max-concurrent-queries}); the default is unlimited. */
        public Builder maxConcurrentQueries(int maxConcurrentQueries) {
            this.maxConcurrentQueries = maxConcurrentQueries;
            return this;
        }

        /** Parquet files one query may read ({@code --query-file-limit}). */
        public Builder queryFileLimit(int queryFileLimit) {
            this.queryFileLimit = queryFileLimit;
            return this;
        }

        /** In-memory Parquet cache size ({@code --parquet-mem-cache-size}). */
        public Builder parquetMemCacheSize(MemorySize parquetMemCacheSize) {
            this.parquetMemCacheSize = parquetMemCacheSize;
            return this;
        }

        /** Fraction of cache entries pruned at once, 0 < p < 1 ({@code --parquet-mem-cache-prune-percentage}). */
        public Builder parquetMemCachePrunePercentage(double parquetMemCachePrunePercentage) {
            this.parquetMemCachePrunePercentage = parquetMemCachePrunePercentage;
            return this;
        }

        /** {@code --parquet-mem-cache-prune-interval}. */
        public Builder parquetMemCachePruneInterval(Duration parquetMemCachePruneInterval) {
            this.parquetMemCachePruneInterval = parquetMemCachePruneInterval;
            return this;
        }

        /** Files newer than now minus this are cached when read by a query ({@code --parquet-mem-cache-query-path-duration}). */
        public Builder parquetMemCacheQueryPathDuration(Duration parquetMemCacheQueryPathDuration) {
            this.parquetMemCacheQueryPathDuration = parquetMemCacheQueryPathDuration;
            return this;
        }

        /** {@code --disable-parquet-mem-cache}. */
        public Builder disableParquetMemCache(boolean disableParquetMemCache) {
            this.disableParquetMemCache = disableParquetMemCache;
            return this;
        }

        /** Buffer size that forces a snapshot ({@code --force-snapshot-mem-threshold}). */
        public Builder forceSnapshotMemThreshold(MemorySize forceSnapshotMemThreshold) {
            this.forceSnapshotMemThreshold = forceSnapshotMemThreshold;
            return this;
        }

        /** {@code --last-cache-eviction-interval}. */
        public Builder lastCacheEvictionInterval(Duration lastCacheEvictionInterval) {
            this.lastCacheEvictionInterval = lastCacheEvictionInterval;
            return this;
        }

        /** {@code --distinct-cache-eviction-interval}. */
        public Builder distinctCacheEvictionInterval(Duration distinctCacheEvictionInterval) {
            this.distinctCacheEvictionInterval = distinctCacheEvictionInterval;
            return this;
        }

        /** {@code --retention-check-interval}. */
        public Builder retentionCheckInterval(Duration retentionCheckInterval) {
            this.retentionCheckInterval = retentionCheckInterval;
            return this;
        }

        /** Delay between a soft delete and the hard delete ({@code --hard-delete-default-duration}). */
        public Builder hardDeleteDefaultDuration(Duration hardDeleteDefaultDuration) {
            this.hardDeleteDefaultDuration = hardDeleteDefaultDuration;
            return this;
        }

        /** {@code --delete-grace-period}. */
        public Builder deleteGracePeriod(Duration deleteGracePeriod) {
            this.deleteGracePeriod = deleteGracePeriod;
            return this;
        }

        /** {@code --table-index-cache-max-entries}; 0 means unlimited. */
        public Builder tableIndexCacheMaxEntries(int tableIndexCacheMaxEntries) {
            this.tableIndexCacheMaxEntries = tableIndexCacheMaxEntries;
            return this;
        }

        /** {@code --table-index-cache-concurrency-limit}. */
        public Builder tableIndexCacheConcurrencyLimit(int tableIndexCacheConcurrencyLimit) {
            this.tableIndexCacheConcurrencyLimit = tableIndexCacheConcurrencyLimit;
            return this;
        }

        /** Directory of Python plugins; the engine is off without it ({@code --plugin-dir}). */
        public Builder pluginDir(Path pluginDir) {
            this.pluginDir = Optional.ofNullable(pluginDir);
            return this;
        }

        /** {@code --virtual-env-location} (env {@code VIRTUAL_ENV}). */
        public Builder virtualEnvLocation(Path virtualEnvLocation) {
            this.virtualEnvLocation = Optional.ofNullable(virtualEnvLocation);
            return this;
        }

        /** {@code --package-manager}. */
        public Builder packageManager(PackageManager packageManager) {
            this.packageManager = packageManager;
            return this;
        }

        /** Base URL for {@code gh:} plugin files ({@code --plugin-repo}). */
        public Builder pluginRepo(String pluginRepo) {
            this.pluginRepo = Optional.ofNullable(pluginRepo);
            return this;
        }

        /** Trigger kinds allowed; empty allows all ({@code --restrict-plugin-triggers-to}). */
        public Builder restrictPluginTriggersTo(Set<TriggerKind> restrictPluginTriggersTo) {
            this.restrictPluginTriggersTo = restrictPluginTriggersTo;
            return this;
        }

        /** The longest one plugin call may run unless its trigger sets its own ({@code --plugin-time-limit}). */
        public Builder pluginTimeLimit(Duration pluginTimeLimit) {
            this.pluginTimeLimit = pluginTimeLimit;
            return this;
        }

        /** Directory of pipeline YAML files the server runs ({@code --pipeline-dir}); empty: none. */
        public Builder pipelineDir(Path pipelineDir) {
            this.pipelineDir = Optional.ofNullable(pipelineDir);
            return this;
        }

        /** {@code --num-io-threads}; empty means the runtime's default. */
        public Builder numIoThreads(Integer numIoThreads) {
            this.numIoThreads = numIoThreads == null ? OptionalInt.empty() : OptionalInt.of(numIoThreads);
            return this;
        }

        /** Query execution threads ({@code --num-datafusion-threads}). */
        public Builder numDatafusionThreads(int numDatafusionThreads) {
            this.numDatafusionThreads = numDatafusionThreads;
            return this;
        }

        /** {@code --datafusion-max-parquet-fanout}. */
        public Builder datafusionMaxParquetFanout(int datafusionMaxParquetFanout) {
            this.datafusionMaxParquetFanout = datafusionMaxParquetFanout;
            return this;
        }

        /** {@code --datafusion-use-cached-parquet-loader}. */
        public Builder datafusionUseCachedParquetLoader(boolean datafusionUseCachedParquetLoader) {
            this.datafusionUseCachedParquetLoader = datafusionUseCachedParquetLoader;
            return this;
        }

        /** Engine options as given by {@code --datafusion-config k:v,...}. */
        public Builder datafusionConfig(Map<String, String> datafusionConfig) {
            this.datafusionConfig = datafusionConfig;
            return this;
        }

        /** Log filter such as {@code info} or {@code info,io.influxdb3j.wal=debug} ({@code --log-filter}). */
        public Builder logFilter(String logFilter) {
            this.logFilter = logFilter;
            return this;
        }

        /** {@code --log-destination}: stdout or stderr. */
        public Builder logDestination(String logDestination) {
            this.logDestination = logDestination;
            return this;
        }

        /** {@code --log-format}. */
        public Builder logFormat(String logFormat) {
            this.logFormat = logFormat;
            return this;
        }

        /** {@code --traces-exporter}: none or jaeger (accepted, not acted on). */
        public Builder tracesExporter(String tracesExporter) {
            this.tracesExporter = tracesExporter;
            return this;
        }

        /** {@code --disable-telemetry-upload} (hidden in Core). */
        public Builder disableTelemetryUpload(boolean disableTelemetryUpload) {
            this.disableTelemetryUpload = disableTelemetryUpload;
            return this;
        }

        /** {@code --telemetry-endpoint} (hidden in Core). */
        public Builder telemetryEndpoint(String telemetryEndpoint) {
            this.telemetryEndpoint = telemetryEndpoint;
            return this;
        }

        /** {@code --test-mode} (hidden): serves {@code /api/v3/test/*}. */
        public Builder testMode(boolean testMode) {
            this.testMode = testMode;
            return this;
        }

        /** File to which the bound address is written once listening ({@code --tcp-listener-file-path}, hidden). */
        public Builder tcpListenerFilePath(Path tcpListenerFilePath) {
            this.tcpListenerFilePath = Optional.ofNullable(tcpListenerFilePath);
            return this;
        }

        /** Databases allowed, {@code _internal} excluded ({@code --max-databases}). */
        public Builder maxDatabases(int maxDatabases) {
            this.maxDatabases = maxDatabases;
            return this;
        }

        /** Tables allowed across all databases ({@code --max-tables}). */
        public Builder maxTablesTotal(int maxTablesTotal) {
            this.maxTablesTotal = maxTablesTotal;
            return this;
        }

        /** Columns allowed per table, time and tags included ({@code --max-columns-per-table}). */
        public Builder maxColumnsPerTable(int maxColumnsPerTable) {
            this.maxColumnsPerTable = maxColumnsPerTable;
            return this;
        }

        public ServeConfig build() {
            return new ServeConfig(
                    nodeId,
                    objectStore,
                    dataDir,
                    bucket,
                    awsAccessKeyId,
                    awsSecretAccessKey,
                    awsDefaultRegion,
                    awsEndpoint,
                    awsSessionToken,
                    awsAllowHttp,
                    awsSkipSignature,
                    awsCredentialsFile,
                    googleServiceAccount,
                    azureStorageAccount,
                    azureStorageAccessKey,
                    azureEndpoint,
                    azureAllowHttp,
                    objectStoreConnectionLimit,
                    objectStoreRequestTimeout,
                    objectStoreMaxRetries,
                    objectStoreRetryTimeout,
                    objectStoreHttp2Only,
                    objectStoreHttp2MaxFrameSize,
                    objectStoreCacheEndpoint,
                    objectStoreTlsAllowInsecure,
                    objectStoreTlsCa,
                    httpBind,
                    adminTokenRecoveryHttpBind,
                    tlsKey,
                    tlsCert,
                    tlsMinimumVersion,
                    withoutAuth,
                    disableAuthz,
                    adminTokenFile,
                    maxHttpRequestSize,
                    execMemPoolBytes,
                    gen1Duration,
                    gen1LookbackDuration,
                    walFlushInterval,
                    walSnapshotSize,
                    walMaxWriteBufferSize,
                    walReplayFailOnError,
                    walReplayConcurrencyLimit,
                    snapshottedWalFilesToKeep,
                    checkpointInterval,
                    snapshotConcurrencyLimit,
                    queryLogSize,
                    maxConcurrentQueries,
                    queryFileLimit,
                    parquetMemCacheSize,
                    parquetMemCachePrunePercentage,
                    parquetMemCachePruneInterval,
                    parquetMemCacheQueryPathDuration,
                    disableParquetMemCache,
                    forceSnapshotMemThreshold,
                    lastCacheEvictionInterval,
                    distinctCacheEvictionInterval,
                    retentionCheckInterval,
                    hardDeleteDefaultDuration,
                    deleteGracePeriod,
                    tableIndexCacheMaxEntries,
                    tableIndexCacheConcurrencyLimit,
                    pluginDir,
                    virtualEnvLocation,
                    packageManager,
                    pluginRepo,
                    restrictPluginTriggersTo,
                    pluginTimeLimit,
                    pipelineDir,
                    numIoThreads,
                    numDatafusionThreads,
                    datafusionMaxParquetFanout,
                    datafusionUseCachedParquetLoader,
                    datafusionConfig,
                    logFilter,
                    logDestination,
                    logFormat,
                    tracesExporter,
                    disableTelemetryUpload,
                    telemetryEndpoint,
                    testMode,
                    tcpListenerFilePath,
                    maxDatabases,
                    maxTablesTotal,
                    maxColumnsPerTable);
        }
    }
}
