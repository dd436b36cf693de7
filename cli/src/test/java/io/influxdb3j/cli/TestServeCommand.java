package io.influxdb3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.influxdb3j.server.ServeConfig;
import io.influxdb3j.server.ServeConfig.AuthzExemption;
import io.influxdb3j.server.ServeConfig.MemorySize;
import io.influxdb3j.server.ServeConfig.ObjectStoreKind;
import io.influxdb3j.server.ServeConfig.PackageManager;
import io.influxdb3j.server.ServeConfig.TlsVersion;
import io.influxdb3j.server.ServeConfig.TriggerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two standard config tests: no flags give {@link ServeConfig#defaults()}, and every flag (or its environment
 * variable) lands in its field. Both run the real command line with a recording {@link ServerStarter}.
 */
class TestServeCommand {
    /** Every acted-on serve flag with its environment variable and a non-default value (null: boolean flag). */
    private static final String[][] FLAGS = {
            {"--node-id", "INFLUXDB3_NODE_IDENTIFIER_PREFIX", "node-a"},
            {"--object-store", "INFLUXDB3_OBJECT_STORE", "s3"},
            {"--data-dir", "INFLUXDB3_DB_DIR", "/data/influx"},
            {"--bucket", "INFLUXDB3_BUCKET", "bkt"},
            {"--aws-access-key-id", "AWS_ACCESS_KEY_ID", "AKID"},
            {"--aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", "SECRET"},
            {"--aws-default-region", "AWS_DEFAULT_REGION", "eu-west-1"},
            {"--aws-endpoint", "AWS_ENDPOINT", "http://minio:9000"},
            {"--aws-session-token", "AWS_SESSION_TOKEN", "SESSION"},
            {"--aws-allow-http", "AWS_ALLOW_HTTP", null},
            {"--aws-skip-signature", "AWS_SKIP_SIGNATURE", null},
            {"--aws-credentials-file", "AWS_CREDENTIALS_FILE", "/etc/aws.json"},
            {"--google-service-account", "GOOGLE_SERVICE_ACCOUNT", "/etc/gcp.json"},
            {"--azure-storage-account", "AZURE_STORAGE_ACCOUNT", "acct"},
            {"--azure-storage-access-key", "AZURE_STORAGE_ACCESS_KEY", "AZKEY"},
            {"--azure-endpoint", "AZURE_ENDPOINT", "http://azurite:10000"},
            {"--azure-allow-http", "AZURE_ALLOW_HTTP", null},
            {"--object-store-connection-limit", "INFLUXDB3_OBJECT_STORE_CONNECTION_LIMIT", "8"},
            {"--object-store-request-timeout", "INFLUXDB3_OBJECT_STORE_REQUEST_TIMEOUT", "45s"},
            {"--object-store-max-retries", "INFLUXDB3_OBJECT_STORE_MAX_RETRIES", "3"},
            {"--object-store-retry-timeout", "INFLUXDB3_OBJECT_STORE_RETRY_TIMEOUT", "2m"},
            {"--object-store-http2-only", "INFLUXDB3_OBJECT_STORE_HTTP2_ONLY", null},
            {"--object-store-http2-max-frame-size", "INFLUXDB3_OBJECT_STORE_HTTP2_MAX_FRAME_SIZE", "16384"},
            {"--object-store-cache-endpoint", "INFLUXDB3_OBJECT_STORE_CACHE_ENDPOINT", "http://cache:8080"},
            {"--object-store-tls-allow-insecure", "INFLUXDB3_OBJECT_STORE_TLS_ALLOW_INSECURE", null},
            {"--object-store-tls-ca", "INFLUXDB3_OBJECT_STORE_TLS_CA", "/etc/os-ca.pem"},
            {"--http-bind", "INFLUXDB3_HTTP_BIND_ADDR", "127.0.0.1:9999"},
            {"--admin-token-recovery-http-bind", "INFLUXDB3_ADMIN_TOKEN_RECOVERY_HTTP_BIND_ADDR", "127.0.0.1:9998"},
            {"--tls-key", "INFLUXDB3_TLS_KEY", "/etc/key.pem"},
            {"--tls-cert", "INFLUXDB3_TLS_CERT", "/etc/cert.pem"},
            {"--tls-minimum-version", "INFLUXDB3_TLS_MINIMUM_VERSION", "tls-1.3"},
            {"--without-auth", "INFLUXDB3_START_WITHOUT_AUTH", null},
            {"--disable-authz", "INFLUXDB3_DISABLE_AUTHZ", "health,ping,metrics"},
            {"--admin-token-file", "INFLUXDB3_ADMIN_TOKEN_FILE", "/etc/token.json"},
            {"--max-http-request-size", "INFLUXDB3_MAX_HTTP_REQUEST_SIZE", "20971520"},
            {"--exec-mem-pool-bytes", "INFLUXDB3_EXEC_MEM_POOL_BYTES", "4096"},
            {"--gen1-duration", "INFLUXDB3_GEN1_DURATION", "5m"},
            {"--gen1-lookback-duration", "INFLUXDB3_GEN1_LOOKBACK_DURATION", "7d"},
            {"--wal-flush-interval", "INFLUXDB3_WAL_FLUSH_INTERVAL", "250ms"},
            {"--wal-snapshot-size", "INFLUXDB3_WAL_SNAPSHOT_SIZE", "100"},
            {"--wal-max-write-buffer-size", "INFLUXDB3_WAL_MAX_WRITE_BUFFER_SIZE", "5000"},
            {"--wal-replay-fail-on-error", "INFLUXDB3_WAL_REPLAY_FAIL_ON_ERROR", null},
            {"--wal-replay-concurrency-limit", "INFLUXDB3_WAL_REPLAY_CONCURRENCY_LIMIT", "3"},
            {"--snapshotted-wal-files-to-keep", "INFLUXDB3_NUM_WAL_FILES_TO_KEEP", "50"},
            {"--checkpoint-interval", "INFLUXDB3_CHECKPOINT_INTERVAL", "1h"},
            {"--snapshot-concurrency-limit", "INFLUXDB3_SNAPSHOT_CONCURRENCY_LIMIT", "2"},
            {"--query-log-size", "INFLUXDB3_QUERY_LOG_SIZE", "10"},
            {"--max-concurrent-queries", "INFLUXDB3_MAX_CONCURRENT_QUERIES", "16"},
            {"--query-file-limit", "INFLUXDB3_QUERY_FILE_LIMIT", "1000"},
            {"--parquet-mem-cache-size", "INFLUXDB3_PARQUET_MEM_CACHE_SIZE", "512mb"},
            {"--parquet-mem-cache-prune-percentage", "INFLUXDB3_PARQUET_MEM_CACHE_PRUNE_PERCENTAGE", "0.25"},
            {"--parquet-mem-cache-prune-interval", "INFLUXDB3_PARQUET_MEM_CACHE_PRUNE_INTERVAL", "5s"},
            {"--parquet-mem-cache-query-path-duration", "INFLUXDB3_PARQUET_MEM_CACHE_QUERY_PATH_DURATION", "1d"},
            {"--disable-parquet-mem-cache", "INFLUXDB3_DISABLE_PARQUET_MEM_CACHE", null},
            {"--force-snapshot-mem-threshold", "INFLUXDB3_FORCE_SNAPSHOT_MEM_THRESHOLD", "70%"},
            {"--last-cache-eviction-interval", "INFLUXDB3_LAST_CACHE_EVICTION_INTERVAL", "20s"},
            {"--distinct-cache-eviction-interval", "INFLUXDB3_DISTINCT_CACHE_EVICTION_INTERVAL", "30s"},
            {"--retention-check-interval", "INFLUXDB3_RETENTION_CHECK_INTERVAL", "1h"},
            {"--hard-delete-default-duration", "INFLUXDB3_HARD_DELETE_DEFAULT_DURATION", "7d"},
            {"--delete-grace-period", "INFLUXDB3_DELETE_GRACE_PERIOD", "48h"},
            {"--table-index-cache-max-entries", "INFLUXDB3_TABLE_INDEX_CACHE_MAX_ENTRIES", "0"},
            {"--table-index-cache-concurrency-limit", "INFLUXDB3_TABLE_INDEX_CACHE_CONCURRENCY_LIMIT", "4"},
            {"--plugin-dir", "INFLUXDB3_PLUGIN_DIR", "/plugins"},
            {"--virtual-env-location", "VIRTUAL_ENV", "/venv"},
            {"--package-manager", "INFLUXDB3_PACKAGE_MANAGER", "uv"},
            {"--plugin-repo", "INFLUXDB3_PLUGIN_REPO", "https://example.com/plugins/"},
            {"--restrict-plugin-triggers-to", "INFLUXDB3_RESTRICT_PLUGIN_TRIGGERS_TO", "wal,request"},
            {"--num-io-threads", "INFLUXDB3_NUM_IO_THREADS", "6"},
            {"--num-datafusion-threads", "INFLUXDB3_NUM_DATAFUSION_THREADS", "5"},
            {"--datafusion-max-parquet-fanout", "INFLUXDB3_DATAFUSION_MAX_PARQUET_FANOUT", "200"},
            {"--datafusion-use-cached-parquet-loader", "INFLUXDB3_DATAFUSION_USE_CACHED_PARQUET_LOADER", "false"},
            {"--datafusion-config", "INFLUXDB3_DATAFUSION_CONFIG", "a:1,b:two"},
            {"--log-filter", "INFLUXDB3_LOG_FILTER", "debug"},
            {"--log-destination", "INFLUXDB3_LOG_DESTINATION", "stderr"},
            {"--log-format", "INFLUXDB3_LOG_FORMAT", "json"},
            {"--traces-exporter", "INFLUXDB3_TRACES_EXPORTER", "jaeger"},
            {"--disable-telemetry-upload", "INFLUXDB3_TELEMETRY_DISABLE_UPLOAD", null},
            {"--telemetry-endpoint", "INFLUXDB3_TELEMETRY_ENDPOINT", "http://telemetry.local"},
            {"--test-mode", "INFLUXDB3_TEST_MODE", null},
            {"--tcp-listener-file-path", "INFLUXDB3_TCP_LISTENER_FILE_PATH", "/tmp/addr"},
            {"--max-databases", "INFLUXDB3_MAX_DATABASES", "7"},
            {"--max-tables", "INFLUXDB3_MAX_TABLES", "70"},
            {"--max-columns-per-table", "INFLUXDB3_MAX_COLUMNS_PER_TABLE", "77"},
    };

    @TempDir
    Path tmp;

    /** What {@link #FLAGS} must produce. */
    private static ServeConfig expectedFromFlags() {
        Map<String, String> datafusion = new LinkedHashMap<>();
        datafusion.put("a", "1");
        datafusion.put("b", "two");
        return ServeConfig.builder()
                .nodeId("node-a")
                .objectStore(ObjectStoreKind.S3)
                .dataDir(Path.of("/data/influx"))
                .bucket("bkt")
                .awsAccessKeyId("AKID")
                .awsSecretAccessKey("SECRET")
                .awsDefaultRegion("eu-west-1")
                .awsEndpoint("http://minio:9000")
                .awsSessionToken("SESSION")
                .awsAllowHttp(true)
                .awsSkipSignature(true)
                .awsCredentialsFile(Path.of("/etc/aws.json"))
                .googleServiceAccount("/etc/gcp.json")
                .azureStorageAccount("acct")
                .azureStorageAccessKey("AZKEY")
                .azureEndpoint("http://azurite:10000")
                .azureAllowHttp(true)
                .objectStoreConnectionLimit(8)
                .objectStoreRequestTimeout(Duration.ofSeconds(45))
                .objectStoreMaxRetries(3)
                .objectStoreRetryTimeout(Duration.ofMinutes(2))
                .objectStoreHttp2Only(true)
                .objectStoreHttp2MaxFrameSize(16384)
                .objectStoreCacheEndpoint("http://cache:8080")
                .objectStoreTlsAllowInsecure(true)
                .objectStoreTlsCa(Path.of("/etc/os-ca.pem"))
                .httpBind("127.0.0.1:9999")
                .adminTokenRecoveryHttpBind("127.0.0.1:9998")
                .tlsKey(Path.of("/etc/key.pem"))
                .tlsCert(Path.of("/etc/cert.pem"))
                .tlsMinimumVersion(TlsVersion.TLS_1_3)
                .withoutAuth(true)
                .disableAuthz(Set.of(AuthzExemption.HEALTH, AuthzExemption.PING, AuthzExemption.METRICS))
                .adminTokenFile(Path.of("/etc/token.json"))
                .maxHttpRequestSize(20_971_520L)
                .execMemPoolBytes(MemorySize.ofBytes(4_096_000_000L))
                .gen1Duration(Duration.ofMinutes(5))
                .gen1LookbackDuration(Duration.ofDays(7))
                .walFlushInterval(Duration.ofMillis(250))
                .walSnapshotSize(100)
                .walMaxWriteBufferSize(5000)
                .walReplayFailOnError(true)
                .walReplayConcurrencyLimit(3)
                .snapshottedWalFilesToKeep(50)
                .checkpointInterval(Duration.ofHours(1))
                .snapshotConcurrencyLimit(2)
                .queryLogSize(10)
                .maxConcurrentQueries(16)
                .queryFileLimit(1000)
                .parquetMemCacheSize(MemorySize.ofBytes(512L << 20))
                .parquetMemCachePrunePercentage(0.25)
                .parquetMemCachePruneInterval(Duration.ofSeconds(5))
                .parquetMemCacheQueryPathDuration(Duration.ofDays(1))
                .disableParquetMemCache(true)
                .forceSnapshotMemThreshold(MemorySize.ofPercent(70))
                .lastCacheEvictionInterval(Duration.ofSeconds(20))
                .distinctCacheEvictionInterval(Duration.ofSeconds(30))
                .retentionCheckInterval(Duration.ofHours(1))
                .hardDeleteDefaultDuration(Duration.ofDays(7))
                .deleteGracePeriod(Duration.ofHours(48))
                .tableIndexCacheMaxEntries(0)
                .tableIndexCacheConcurrencyLimit(4)
                .pluginDir(Path.of("/plugins"))
                .virtualEnvLocation(Path.of("/venv"))
                .packageManager(PackageManager.UV)
                .pluginRepo("https://example.com/plugins/")
                .restrictPluginTriggersTo(Set.of(TriggerKind.WAL, TriggerKind.REQUEST))
                .numIoThreads(6)
                .numDatafusionThreads(5)
                .datafusionMaxParquetFanout(200)
                .datafusionUseCachedParquetLoader(false)
                .datafusionConfig(datafusion)
                .logFilter("debug")
                .logDestination("stderr")
                .logFormat("json")
                .tracesExporter("jaeger")
                .disableTelemetryUpload(true)
                .telemetryEndpoint("http://telemetry.local")
                .testMode(true)
                .tcpListenerFilePath(Path.of("/tmp/addr"))
                .maxDatabases(7)
                .maxTablesTotal(70)
                .maxColumnsPerTable(77)
                .build();
    }

    @Test
    void noFlagsGiveTheDefaults() {
        TestingCli cli = new TestingCli();
        var result = cli.run("serve");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEmpty();
        assertThat(cli.onlyServed()).isEqualTo(ServeConfig.defaults());
        assertThat(cli.onlyServed().nodeId()).endsWith("-node");
        assertThat(cli.onlyServed().dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".influxdb3"));
        assertThat(cli.onlyServed().objectStore()).isEqualTo(ObjectStoreKind.FILE);
    }

    @Test
    void noSubcommandIsQuickStartServe() {
        TestingCli cli = new TestingCli();
        var result = cli.run();

        assertThat(result.exitCode()).isZero();
        assertThat(cli.onlyServed()).isEqualTo(ServeConfig.defaults());
    }

    @Test
    void everyFlagLandsInItsField() {
        List<String> args = new ArrayList<>(List.of("serve"));
        for (String[] flag : FLAGS) {
            args.add(flag[0]);
            if (flag[2] != null) {
                args.add(flag[2]);
            }
        }
        TestingCli cli = new TestingCli();
        var result = cli.run(args.toArray(String[]::new));

        assertThat(result.err()).isEmpty();
        assertThat(result.exitCode()).isZero();
        assertThat(cli.onlyServed()).isEqualTo(expectedFromFlags());
    }

    @Test
    void everyEnvironmentVariableLandsInItsField() {
        TestingCli cli = new TestingCli();
        for (String[] flag : FLAGS) {
            cli.env(flag[1], flag[2] == null ? "true" : flag[2]);
        }
        var result = cli.run("serve");

        assertThat(result.err()).isEmpty();
        assertThat(cli.onlyServed()).isEqualTo(expectedFromFlags());
    }

    @Test
    void flagBeatsEnvironment() {
        TestingCli cli = new TestingCli().env("INFLUXDB3_GEN1_DURATION", "1m")
                .env("INFLUXDB3_NODE_IDENTIFIER_PREFIX", "env");
        cli.run("serve", "--gen1-duration", "5m", "--node-id", "flag");

        assertThat(cli.onlyServed().gen1Duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(cli.onlyServed().nodeId()).isEqualTo("flag");
    }

    @Test
    void booleanVariablesTakeCoreSpellings() {
        for (String yes : List.of("true", "1", "yes", "on", "TRUE")) {
            TestingCli cli = new TestingCli().env("INFLUXDB3_START_WITHOUT_AUTH", yes);
            cli.run("serve");
            assertThat(cli.onlyServed().withoutAuth()).as(yes).isTrue();
        }
        for (String no : List.of("false", "0", "no", "off")) {
            TestingCli cli = new TestingCli().env("INFLUXDB3_START_WITHOUT_AUTH", no);
            cli.run("serve");
            assertThat(cli.onlyServed().withoutAuth()).as(no).isFalse();
        }
    }

    @Test
    void aliasesAndAlternativeVariables() {
        TestingCli cli = new TestingCli().env("INFLUXDB3_NUM_THREADS", "9")
                .env("INFLUXDB3_DATAFUSION_NUM_THREADS", "7");
        cli.run("serve", "--host-id", "old-style");
        assertThat(cli.onlyServed().nodeId()).isEqualTo("old-style");
        assertThat(cli.onlyServed().numIoThreads()).hasValue(9);
        assertThat(cli.onlyServed().numDatafusionThreads()).isEqualTo(7);

        TestingCli flags = new TestingCli();
        flags.run("serve", "--num-threads", "2", "--datafusion-num-threads", "3", "--object-store", "MemoryThrottled");
        assertThat(flags.onlyServed().numIoThreads()).hasValue(2);
        assertThat(flags.onlyServed().numDatafusionThreads()).isEqualTo(3);
        assertThat(flags.onlyServed().objectStore()).isEqualTo(ObjectStoreKind.MEMORY_THROTTLED);
    }

    @Test
    void globalIoThreadsFlagReachesServe() {
        TestingCli cli = new TestingCli();
        cli.run("--num-io-threads", "4", "serve");

        assertThat(cli.onlyServed().numIoThreads()).hasValue(4);
    }

    @Test
    void legacyVariableNamesAreCopied() {
        TestingCli cli = new TestingCli()
                .env("LOG_FILTER", "warn")
                .env("OBJECT_STORE_CONNECTION_LIMIT", "5")
                .env("TRACES_EXPORTER", "jaeger")
                .env("INFLUXDB_IOX_OBJECT_STORE", "memory") // from the getting-started README
                .env("INFLUXDB_IOX_DB_DIR", "/path/to/influxdb3")
                .env("INFLUXDB3_HOST_IDENTIFIER_PREFIX", "legacy-node");
        cli.run("serve");

        ServeConfig config = cli.onlyServed();
        assertThat(config.logFilter()).isEqualTo("warn");
        assertThat(config.objectStoreConnectionLimit()).isEqualTo(5);
        assertThat(config.tracesExporter()).isEqualTo("jaeger");
        assertThat(config.objectStore()).isEqualTo(ObjectStoreKind.MEMORY);
        assertThat(config.dataDir()).isEqualTo(Path.of("/path/to/influxdb3"));
        assertThat(config.nodeId()).isEqualTo("legacy-node");
    }

    @Test
    void currentVariableNameBeatsLegacy() {
        TestingCli cli = new TestingCli().env("LOG_FILTER", "warn").env("INFLUXDB3_LOG_FILTER", "error");
        cli.run("serve");

        assertThat(cli.onlyServed().logFilter()).isEqualTo("error");
    }

    @Test
    void dotEnvFileInTheWorkingDirectory() throws IOException {
        Files.writeString(tmp.resolve(".env"), """
                # local settings
                INFLUXDB3_NODE_IDENTIFIER_PREFIX=from-dotenv
                export INFLUXDB3_GEN1_DURATION="1m"
                INFLUXDB3_OBJECT_STORE=memory
                """);
        TestingCli cli = new TestingCli().workingDir(tmp).env("INFLUXDB3_OBJECT_STORE", "file");
        cli.run("serve");

        assertThat(cli.onlyServed().nodeId()).isEqualTo("from-dotenv");
        assertThat(cli.onlyServed().gen1Duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(cli.onlyServed().objectStore()).isEqualTo(ObjectStoreKind.FILE); // the process wins
    }

    @Test
    void nodeIdFromEnv() {
        TestingCli cli = new TestingCli().env("POD_NAME", "pod-7");
        cli.run("serve", "--node-id-from-env", "POD_NAME");
        assertThat(cli.onlyServed().nodeId()).isEqualTo("pod-7");

        var missing = new TestingCli().run("serve", "--node-id-from-env", "POD_NAME");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Must set INFLUXDB3_NODE_IDENTIFIER_PREFIX=<id> or the environment"
                + " variable POD_NAME");
    }

    @Test
    void clusterIdIsAnEnterpriseOption() {
        TestingCli cli = new TestingCli();
        var result = cli.run("serve", "--cluster-id", "c1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --cluster-id is an InfluxDB 3 Enterprise option");
        assertThat(cli.served()).isEmpty();
    }

    @Test
    void removedBearerTokenFlagSaysWhatToDoInstead() {
        var result = new TestingCli().run("serve", "--bearer-token", "abc");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("influxdb3 create token --admin");
    }

    @Test
    void flagsWeDoNotActOnAreAccepted() {
        TestingCli cli = new TestingCli();
        var result = cli.run("serve", "--traces-exporter", "jaeger", "--traces-exporter-jaeger-agent-host", "j",
                "--traces-exporter-jaeger-agent-port", "6831", "--traces-jaeger-tags", "a=b",
                "--datafusion-runtime-type", "multi-thread", "--datafusion-runtime-thread-priority", "10",
                "--io-runtime-type", "current-thread", "--admin-token-recovery-tcp-listener-file-path", "/tmp/x",
                "-vv");

        assertThat(result.exitCode()).isZero();
        assertThat(cli.onlyServed().logFilter()).isEqualTo("trace");
        assertThat(cli.onlyServed().tracesExporter()).isEqualTo("jaeger");
    }

    @Test
    void bareAdminTokenRecoveryFlagUsesCoreDefault() {
        TestingCli cli = new TestingCli();
        cli.run("serve", "--admin-token-recovery-http-bind");

        assertThat(cli.onlyServed().adminTokenRecoveryHttpBind()).hasValue("127.0.0.1:8182");
    }

    @Test
    void memorySizes() {
        assertThat(serveWith("--exec-mem-pool-bytes", "2gb").execMemPoolBytes())
                .isEqualTo(MemorySize.ofBytes(1L << 31));
        assertThat(serveWith("--exec-mem-pool-bytes", "1000b").execMemPoolBytes()).isEqualTo(MemorySize.ofBytes(1000));
        assertThat(serveWith("--exec-mem-pool-bytes", "35%").execMemPoolBytes()).isEqualTo(MemorySize.ofPercent(35));
        assertThat(MemorySize.ofPercent(25).resolve(1000)).isEqualTo(250);
        assertThat(MemorySize.ofBytes(7).resolve(1000)).isEqualTo(7);
        assertThat(serveWith("--max-http-request-size", "1mb").maxHttpRequestSize()).isEqualTo(1L << 20);
    }

    @Test
    void dataDirExpandsTilde() {
        assertThat(serveWith("--data-dir", "~/influx").dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), "influx"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--gen1-duration|2m|invalid --gen1-duration 2m: 1m, 5m and 10m are supported",
            "--gen1-duration|soon|invalid duration 'soon'",
            "--object-store|ftp|invalid --object-store 'ftp': expected one of memory, memory-throttled, file, s3,"
                    + " google, azure",
            "--disable-authz|health,admin|invalid value passed in for --disable-authz, allowed values are health,"
                    + " ping, metrics, ready, pprof, and node_stop",
            "--restrict-plugin-triggers-to|cron|invalid value 'cron' passed in for --restrict-plugin-triggers-to",
            "--parquet-mem-cache-prune-percentage|1.5|--parquet-mem-cache-prune-percentage must be between 0 and 1",
            "--http-bind|8181|--http-bind '8181' is not an address: expected host:port",
            "--http-bind|0.0.0.0:99999|--http-bind '0.0.0.0:99999' has port 99999, the range is 0-65535",
            "--tls-minimum-version|tls-1.1|Valid minimum version strings are tls-1.2 and tls-1.3",
            "--tls-cert|/etc/cert.pem|tls requires both a cert and a key file",
            "--package-manager|conda|invalid --package-manager 'conda'",
            "--datafusion-config|a:1,a:2|key 'a' passed multiple times",
            "--datafusion-config|novalue|Invalid key value pair - expected 'KEY:VALUE' got 'novalue'",
            "--log-destination|file|invalid --log-destination 'file': expected one of stderr, stdout",
            "--log-filter|info,io.influxdb3j=loud|invalid --log-filter 'info,io.influxdb3j=loud': 'loud' is not LEVEL",
            "--wal-snapshot-size|0|--wal-snapshot-size must be positive, got 0",
            "--max-databases|-1|--max-databases must be positive, got -1",
            "--exec-mem-pool-bytes|lots|invalid memory size 'lots'",
            "--max-http-request-size|0|invalid size '0'",
    })
    void badValuesAreUsageErrorsNamingTheFlag(String flag, String value, String message) {
        TestingCli cli = new TestingCli();
        var result = cli.run("serve", flag, value);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains(message).contains("influxdb3 serve --help");
        assertThat(cli.served()).isEmpty();
    }

    @Test
    void badEnvironmentValueIsAlsoAUsageError() {
        var result = new TestingCli().env("INFLUXDB3_WAL_FLUSH_INTERVAL", "often").run("serve");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--wal-flush-interval").contains("invalid duration 'often'");
    }

    @Test
    void startFailureIsReported() {
        var result = new TestingCli().starter(config -> {
            throw new IllegalStateException("cannot bind 0.0.0.0:8181: address already in use");
        }).run("serve");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Serve command failed: cannot bind 0.0.0.0:8181: address already in use\n");
    }

    @Test
    void quickStartFailureIsReportedAsServe() {
        var result = new TestingCli().starter(config -> {
            throw new CliException("boom");
        }).run();

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("Serve command failed: boom\n");
    }

    @Test
    void missingServerClassIsAClearError() {
        assertThatThrownBy(() -> new ReflectiveServerStarter("io.influxdb3j.server.Nope").start(ServeConfig.defaults()))
                .isInstanceOf(CliException.class)
                .hasMessage("this build of influxdb3 has no server: class io.influxdb3j.server.Nope is not on the"
                        + " classpath");
    }

    @Test
    void reflectiveStarterCallsTheContract() throws Exception {
        FakeServer.started.clear();
        ServeConfig config = ServeConfig.defaults().withNodeId("reflective");
        try (ServerStarter.RunningServer running = new ReflectiveServerStarter(FakeServer.class.getName())
                .start(config)) {
            assertThat(FakeServer.started).containsExactly(config);
            assertThat(running.port()).isEqualTo(4242);
            running.awaitTermination();
        }
    }

    @Test
    void helpShowsEnvironmentVariablesAndHidesInternalFlags() {
        var result = new TestingCli().run("serve", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out())
                .contains("--gen1-duration=DURATION")
                .contains("[env: INFLUXDB3_GEN1_DURATION]")
                .contains("[env: INFLUXDB3_NODE_IDENTIFIER_PREFIX]")
                .contains("--max-columns-per-table")
                .doesNotContain("--test-mode")
                .doesNotContain("--cluster-id");
    }

    private static ServeConfig serveWith(String... flags) {
        TestingCli cli = new TestingCli();
        List<String> args = new ArrayList<>(List.of("serve"));
        args.addAll(List.of(flags));
        var result = cli.run(args.toArray(String[]::new));
        assertThat(result.err()).isEmpty();
        return cli.onlyServed();
    }

    /** Stands in for io.influxdb3j.server.InfluxServer in the reflective starter test. */
    public static final class FakeServer {
        static final List<ServeConfig> started = new ArrayList<>();

        public static FakeServer start(ServeConfig config) {
            started.add(config);
            return new FakeServer();
        }

        public int port() {
            return 4242;
        }

        public void awaitTermination() {
        }

        public void close() {
        }
    }
}
