package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Our server as a user runs it: {@code influxdb3 serve} in a child JVM started with the launcher's
 * JVM options ({@code scripts/jvm.options}), on 127.0.0.1, with a file object store in a fresh
 * temporary directory and no authentication, as QuestDB runs beside it. With the default settings
 * every write returns once the WAL file holding it has been fsynced and its rows are queryable.
 */
final class InfluxDb3jTarget implements IngestTarget {
    static final String DATABASE = "bench";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final Path dataDir;
    private final boolean keepData;
    private final ChildProcess child;
    private final URI writeUri;
    private final URI countUri;
    private final String ackSemantics;
    private final HttpClient http;

    private InfluxDb3jTarget(Path dataDir, boolean keepData, ChildProcess child, int port, WriteApi api,
                             boolean noSync, Duration walFlushInterval, HttpClient http) {
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.child = child;
        this.http = http;
        String base = "http://127.0.0.1:" + port;
        this.writeUri = URI.create(switch (api) {
            case V3 -> base + "/api/v3/write_lp?db=" + DATABASE + "&precision=nanosecond" + (noSync ? "&no_sync=true" : "");
            case V2 -> base + "/api/v2/write?bucket=" + DATABASE + "&precision=ns";
        });
        this.countUri = URI.create(base + "/api/v3/query_sql?db=" + DATABASE + "&format=json&q="
                + URLEncoder.encode("SELECT count(*) AS n FROM cpu", StandardCharsets.UTF_8));
        this.ackSemantics = noSync
                ? "no_sync=true: acknowledged once buffered for the next WAL flush (every " + walFlushInterval.toMillis() + " ms)"
                : "acknowledged after the WAL file is fsynced and applied (flush every " + walFlushInterval.toMillis() + " ms)";
    }

    /**
     * Starts a server in a new temporary directory and waits until it answers {@code /health}.
     *
     * @param walFlushInterval {@code --wal-flush-interval}; Core's default is 1 s
     * @param logFilter        {@code --log-filter} of the server
     */
    static InfluxDb3jTarget start(WriteApi api, boolean noSync, Duration walFlushInterval, boolean keepData,
                                  String logFilter, HttpClient http) throws IOException, InterruptedException {
        if (noSync && api != WriteApi.V3) {
            throw new IllegalArgumentException("no_sync exists only on /api/v3/write_lp: use --api v3 with --no-sync");
        }
        Path dir = Files.createTempDirectory("influxdb3j-bench-");
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>();
        command.add(QuestDbTarget.javaExecutable());
        command.addAll(launcherJvmOptions());
        // e.g. -Dinfluxdb3j.bench.serverJvmOptions="-XX:StartFlightRecording=filename=/tmp/server.jfr" to profile the server
        String extra = System.getProperty("influxdb3j.bench.serverJvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.influxdb3j.cli.Influxdb3");
        command.addAll(List.of("serve", "--node-id", "bench", "--object-store", "file", "--data-dir", dir.toString(),
                "--http-bind", "127.0.0.1:" + port, "--without-auth", "--log-filter", logFilter,
                "--wal-flush-interval", walFlushInterval.toMillis() + "ms"));
        ChildProcess child = ChildProcess.start("influxdb3j", command, dir, dir.resolve("server.log"));
        InfluxDb3jTarget target = new InfluxDb3jTarget(dir, keepData, child, port, api, noSync, walFlushInterval, http);
        try {
            child.awaitOk(URI.create("http://127.0.0.1:" + port + "/health"), http, STARTUP_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /**
     * The JVM options {@code ./influxdb3} runs the server with: {@code scripts/jvm.options} under the
     * repository root (the working directory, or {@code -Dinfluxdb3j.root}), one option per line.
     */
    static List<String> launcherJvmOptions() throws IOException {
        Path file = Path.of(System.getProperty("influxdb3j.root", "."), "scripts", "jvm.options");
        if (!Files.isRegularFile(file)) {
            throw new IOException("cannot find " + file.toAbsolutePath() + ": run the benchmark from the repository root"
                    + " or pass -Dinfluxdb3j.root=DIR");
        }
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String o = line.strip();
            if (!o.isEmpty() && !o.startsWith("#")) {
                options.add(o);
            }
        }
        return options;
    }

    @Override
    public String name() {
        return "influxdb3j";
    }

    @Override
    public URI writeUri() {
        return writeUri;
    }

    @Override
    public String ackSemantics() {
        return ackSemantics;
    }

    @Override
    public long countRows() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(countUri).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            if (response.body().contains("not found") || response.body().contains("does not exist")) {
                return 0; // no row written yet: neither database nor table exist
            }
            throw new IOException("count query answered " + response.statusCode() + ": " + response.body());
        }
        return JsonNumbers.firstAfter(response.body(), "\"n\":")
                .orElseThrow(() -> new IOException("no count in the answer to the count query: " + response.body()));
    }

    @Override
    public long outOfProcessCpuNanos() {
        return child.cpuNanos();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        child.close();
        if (!keepData) {
            FileTrees.deleteQuietly(dataDir);
        }
    }
}
