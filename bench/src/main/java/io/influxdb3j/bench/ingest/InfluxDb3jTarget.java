package io.influxdb3j.bench.ingest;

import io.influxdb3j.server.InfluxServer;
import io.influxdb3j.server.ServeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Our server, started in this JVM on 127.0.0.1 with a file object store in a fresh temporary
 * directory and no authentication. With the default settings every write returns once the WAL file
 * holding it has been fsynced and its rows are queryable.
 */
final class InfluxDb3jTarget implements IngestTarget {
    static final String DATABASE = "bench";

    private final Path dataDir;
    private final boolean keepData;
    private final InfluxServer server;
    private final URI writeUri;
    private final URI countUri;
    private final String ackSemantics;
    private final HttpClient http;

    private InfluxDb3jTarget(Path dataDir, boolean keepData, InfluxServer server, WriteApi api, boolean noSync,
                             Duration walFlushInterval, HttpClient http) {
        this.dataDir = dataDir;
        this.keepData = keepData;
        this.server = server;
        this.http = http;
        String base = "http://127.0.0.1:" + server.port();
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
     * Starts a server in a new temporary directory.
     *
     * @param walFlushInterval {@code --wal-flush-interval}; Core's default is 1 s
     */
    static InfluxDb3jTarget start(WriteApi api, boolean noSync, Duration walFlushInterval, boolean keepData,
                                  HttpClient http) throws IOException {
        if (noSync && api != WriteApi.V3) {
            throw new IllegalArgumentException("no_sync exists only on /api/v3/write_lp: use --api v3 with --no-sync");
        }
        Path dir = Files.createTempDirectory("influxdb3j-bench-");
        ServeConfig config = ServeConfig.defaults()
                .withNodeId("bench")
                .withDataDir(dir)
                .withObjectStore("file")
                .withHttpBind("127.0.0.1:0")
                .withoutAuth(true)
                .withWalFlushInterval(walFlushInterval);
        InfluxServer server;
        try {
            server = InfluxServer.start(config);
        } catch (RuntimeException e) {
            FileTrees.deleteQuietly(dir);
            throw e;
        }
        return new InfluxDb3jTarget(dir, keepData, server, api, noSync, walFlushInterval, http);
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
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.close();
        if (!keepData) {
            FileTrees.deleteQuietly(dataDir);
        }
    }
}
