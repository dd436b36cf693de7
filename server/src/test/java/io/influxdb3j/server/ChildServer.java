package io.influxdb3j.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A server in its own JVM, so a test can SIGKILL it. */
final class ChildServer implements AutoCloseable {
    final Process process;
    final int port;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildServer start(Path dataDir, long flushMillis, int walSnapshotSize) throws IOException, InterruptedException {
        Path portFile = Files.createTempFile("influxdb3j-port", ".txt");
        Files.delete(portFile);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), TestingServerMain.class.getName(),
                dataDir.toString(), portFile.toString(), Long.toString(flushMillis), Integer.toString(walSnapshotSize)));
        Path log = Files.createTempFile("influxdb3j-child", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("child server exited: " + Files.readString(log));
            }
            if (Files.exists(portFile) && Files.size(portFile) > 0) {
                String addr = Files.readString(portFile).trim();
                return new ChildServer(p, Integer.parseInt(addr.substring(addr.lastIndexOf(':') + 1)));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("child server did not start: " + Files.readString(log));
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> sql(String db, String sql, String format) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v3/query_sql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"db\":" + TestingServer.quote(db) + ",\"q\":"
                        + TestingServer.quote(sql) + ",\"format\":\"" + format + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGKILL: no shutdown hooks, no final flush. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
