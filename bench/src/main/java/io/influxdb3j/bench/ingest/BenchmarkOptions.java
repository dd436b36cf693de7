package io.influxdb3j.bench.ingest;

import io.influxdb3j.common.HumanDuration;
import io.influxdb3j.common.InfluxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The command line of {@link IngestBenchmark}: {@code --name value} or {@code --name=value}; flags
 * without a value are booleans. Every option is declared once here, with its default and help text.
 */
record BenchmarkOptions(
        int hosts,
        Duration duration,
        int batchLines,
        int clients,
        WriteApi api,
        List<String> systems,
        long seed,
        int warmupBatches,
        boolean noSync,
        Duration walFlushInterval,
        String questDbCommitMode,
        int questDbPort,
        Duration visibilityTimeout,
        boolean keepData,
        boolean jdkClient,
        boolean verbose,
        boolean help) {

    static final String INFLUXDB3J = "influxdb3j";
    static final String QUESTDB = "questdb";

    static final String USAGE = """
            Usage: IngestBenchmark [options]
              --hosts N                 TSBS scale: hosts reporting (default 100)
              --duration D              time the data set covers, one row per host per 10 s: 1h, 12h, 3d (default 1h)
              --batch-lines N           lines per HTTP request (default 5000)
              --clients N               concurrent client connections (default 8)
              --api v3|v2               our write endpoint: /api/v3/write_lp or /api/v2/write (default v3)
              --systems LIST            comma-separated, in run order: influxdb3j,questdb (default both)
              --seed N                  seed of tags and values (default 1)
              --warmup-batches N        untimed bodies sent first to a table cpu_warmup, to warm up JITs (default 0)
              --no-sync                 ours: write_lp with no_sync=true (ack before the WAL flush; v3 only)
              --wal-flush-interval D    ours: --wal-flush-interval (default 1s, Core's default)
              --questdb-commit-mode M   QuestDB cairo.commit.mode: nosync (its default), async, sync
              --questdb-port N          QuestDB HTTP port (default 0: a free one)
              --visibility-timeout D    give up when the row count has not changed for this long (default 60s)
              --keep-data               keep the servers' data directories (their paths are printed)
              --client raw|jdk          raw: one keep-alive HTTP/1.1 socket per client thread, head and body in one
                                        write (default); jdk: java.net.http.HttpClient (≈ 4.8 µs CPU per row itself)
              --verbose                 our server logs at INFO instead of WARN
              --help                    this text
            """;

    static BenchmarkOptions parse(String[] args) {
        int hosts = 100;
        Duration duration = Duration.ofHours(1);
        int batchLines = 5000;
        int clients = 8;
        WriteApi api = WriteApi.V3;
        Set<String> systems = new LinkedHashSet<>(List.of(INFLUXDB3J, QUESTDB));
        long seed = 1;
        int warmupBatches = 0;
        boolean noSync = false;
        Duration walFlushInterval = Duration.ofSeconds(1);
        String commitMode = "nosync";
        int questDbPort = 0;
        Duration visibilityTimeout = Duration.ofSeconds(60);
        boolean keepData = false;
        boolean jdkClient = false;
        boolean verbose = false;
        boolean help = false;

        List<String> queue = new ArrayList<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                queue.add(a.substring(0, eq));
                queue.add(a.substring(eq + 1));
            } else {
                queue.add(a);
            }
        }
        for (int i = 0; i < queue.size(); i++) {
            String name = queue.get(i);
            switch (name) {
                case "--no-sync" -> noSync = true;
                case "--keep-data" -> keepData = true;
                case "--verbose" -> verbose = true;
                case "--help", "-h" -> help = true;
                default -> {
                    if (i + 1 >= queue.size()) {
                        throw new IllegalArgumentException(name.startsWith("--")
                                ? name + " needs a value" : "unexpected argument '" + name + "'");
                    }
                    String value = queue.get(++i);
                    switch (name) {
                        case "--hosts" -> hosts = positiveInt(name, value);
                        case "--duration" -> duration = duration(name, value);
                        case "--batch-lines" -> batchLines = positiveInt(name, value);
                        case "--clients" -> clients = positiveInt(name, value);
                        case "--api" -> api = WriteApi.parse(value);
                        case "--systems" -> systems = systems(value);
                        case "--seed" -> seed = parseLong(name, value);
                        case "--warmup-batches" -> warmupBatches = nonNegativeInt(name, value);
                        case "--wal-flush-interval" -> walFlushInterval = duration(name, value);
                        case "--questdb-commit-mode" -> commitMode = value.toLowerCase(Locale.ROOT);
                        case "--questdb-port" -> questDbPort = (int) parseLong(name, value);
                        case "--client" -> jdkClient = switch (value.toLowerCase(Locale.ROOT)) {
                            case "jdk" -> true;
                            case "raw" -> false;
                            default -> throw new IllegalArgumentException("--client takes raw or jdk, got '" + value + "'");
                        };
                        case "--visibility-timeout" -> visibilityTimeout = duration(name, value);
                        default -> throw new IllegalArgumentException("unknown option '" + name + "'");
                    }
                }
            }
        }
        if (duration.compareTo(TsbsCpuGenerator.INTERVAL) < 0) {
            throw new IllegalArgumentException("--duration must be at least 10s (one row per host), got " + duration);
        }
        if (walFlushInterval.isZero() || walFlushInterval.isNegative()) {
            throw new IllegalArgumentException("--wal-flush-interval must be positive");
        }
        if (noSync && api != WriteApi.V3) {
            throw new IllegalArgumentException("--no-sync needs --api v3: only /api/v3/write_lp has no_sync");
        }
        return new BenchmarkOptions(hosts, duration, batchLines, clients, api, List.copyOf(systems), seed, warmupBatches, noSync,
                walFlushInterval, commitMode, questDbPort, visibilityTimeout, keepData, jdkClient, verbose, help);
    }

    private static Set<String> systems(String value) {
        Set<String> out = new LinkedHashSet<>();
        for (String s : value.split(",")) {
            String name = s.trim().toLowerCase(Locale.ROOT);
            if (!name.equals(INFLUXDB3J) && !name.equals(QUESTDB)) {
                throw new IllegalArgumentException("--systems takes influxdb3j and/or questdb, got '" + s.trim() + "'");
            }
            out.add(name);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--systems is empty");
        }
        return out;
    }

    private static int positiveInt(String name, String value) {
        long v = parseLong(name, value);
        if (v <= 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be a positive integer, got " + value);
        }
        return (int) v;
    }

    private static int nonNegativeInt(String name, String value) {
        long v = parseLong(name, value);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be zero or a positive integer, got " + value);
        }
        return (int) v;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + value + "'");
        }
    }

    private static Duration duration(String name, String value) {
        try {
            return HumanDuration.parse(value);
        } catch (InfluxException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage());
        }
    }
}
