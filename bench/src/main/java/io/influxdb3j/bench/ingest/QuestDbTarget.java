package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
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
import java.util.Locale;

/**
 * QuestDB, the reference, run as a child JVM ({@code io.questdb.ServerMain -d DIR}) from the
 * {@code org.questdb:questdb} jar on our class path, with the same {@code java} as this JVM. A child
 * keeps its worker threads, off-heap memory and GC apart from the benchmark's own.
 *
 * <p>Only its HTTP server is enabled, on 127.0.0.1 and a free port; PostgreSQL wire, ILP over TCP and
 * UDP, the health ("min") server and telemetry are off, so it clashes with nothing on the host.
 * Writes go to ILP over HTTP ({@code /write}), which answers 204 once the rows are committed to the
 * table's WAL; they become visible to queries when QuestDB applies that WAL to the table, asynchronously.
 */
final class QuestDbTarget implements IngestTarget {
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    private final Path dir;
    private final boolean keepData;
    private final ChildProcess child;
    private final URI writeUri;
    private final URI countUri;
    private final String commitMode;
    private final HttpClient http;

    private QuestDbTarget(Path dir, boolean keepData, ChildProcess child, int port, String commitMode, HttpClient http) {
        this.dir = dir;
        this.keepData = keepData;
        this.child = child;
        this.commitMode = commitMode;
        this.http = http;
        String base = "http://127.0.0.1:" + port;
        this.writeUri = URI.create(base + "/write?precision=ns");
        this.countUri = URI.create(base + "/exec?query="
                + URLEncoder.encode("select count() n from cpu", StandardCharsets.UTF_8));
    }

    /**
     * Starts QuestDB in a new temporary directory and waits until its HTTP port answers a query.
     *
     * @param port       0 to pick a free port
     * @param commitMode {@code cairo.commit.mode}: QuestDB's default {@code nosync}, or {@code async}, {@code sync}
     */
    static QuestDbTarget start(int port, String commitMode, boolean keepData, HttpClient http)
            throws IOException, InterruptedException {
        String mode = commitMode.toLowerCase(Locale.ROOT);
        if (!List.of("nosync", "async", "sync").contains(mode)) {
            throw new IllegalArgumentException("--questdb-commit-mode must be nosync, async or sync, got '" + commitMode + "'");
        }
        int httpPort = port == 0 ? freePort() : port;
        Path dir = Files.createTempDirectory("questdb-bench-");
        Files.createDirectories(dir.resolve("conf"));
        Files.writeString(dir.resolve("conf/server.conf"), String.join("\n",
                "# written by " + IngestBenchmark.class.getName(),
                "http.bind.to=127.0.0.1:" + httpPort,
                "http.min.enabled=false",
                "pg.enabled=false",
                "line.tcp.enabled=false",
                "line.udp.enabled=false",
                "telemetry.enabled=false",
                "cairo.commit.mode=" + mode,
                ""), StandardCharsets.UTF_8);

        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(questDbJar().toString());
        command.add("io.questdb.ServerMain");
        command.add("-d");
        command.add(dir.toString());
        ChildProcess child = ChildProcess.start("questdb", command, dir, dir.resolve("questdb.log"));
        QuestDbTarget target = new QuestDbTarget(dir, keepData, child, httpPort, mode, http);
        try {
            child.awaitOk(URI.create("http://127.0.0.1:" + httpPort + "/exec?query=select%201"), http, STARTUP_TIMEOUT);
        } catch (IOException | InterruptedException | RuntimeException e) {
            target.close();
            throw e;
        }
        return target;
    }

    /** The QuestDB jar this class was compiled against, e.g. {@code ~/.m2/.../questdb-9.3.4.jar}. */
    static Path questDbJar() {
        try {
            return Path.of(io.questdb.ServerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the QuestDB jar: " + e.getMessage(), e);
        }
    }

    /** The {@code java} running this benchmark, so the child uses the same JDK. */
    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String name() {
        return "questdb";
    }

    @Override
    public URI writeUri() {
        return writeUri;
    }

    @Override
    public String ackSemantics() {
        return "acknowledged after the WAL transaction commits (cairo.commit.mode=" + commitMode
                + "); visible once the WAL is applied to the table, asynchronously";
    }

    @Override
    public long countRows() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(countUri).timeout(Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            if (response.body().contains("does not exist")) {
                return 0;
            }
            throw new IOException("count query answered " + response.statusCode() + ": " + response.body());
        }
        return JsonNumbers.firstAfter(response.body(), "\"dataset\":[[")
                .orElseThrow(() -> new IOException("no count in the answer to the count query: " + response.body()));
    }

    @Override
    public long outOfProcessCpuNanos() {
        return child.cpuNanos();
    }

    @Override
    public Path dataDir() {
        return dir;
    }

    @Override
    public void close() {
        child.close();
        if (!keepData) {
            FileTrees.deleteQuietly(dir);
        }
    }
}
