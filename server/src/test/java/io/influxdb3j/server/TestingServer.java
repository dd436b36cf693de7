package io.influxdb3j.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A real server on 127.0.0.1 with a port chosen by the OS and its data under a test directory, plus a small HTTP client. */
final class TestingServer implements AutoCloseable {
    final InfluxServer server;
    final Path dataDir;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String token;

    private TestingServer(InfluxServer server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static ServeConfig config(Path dataDir) {
        return ServeConfig.defaults()
                .withNodeId("test-node")
                .withDataDir(dataDir)
                .withObjectStore("file")
                .withHttpBind("127.0.0.1:0")
                .withWalFlushInterval(Duration.ofMillis(20));
    }

    static TestingServer start(Path dataDir, UnaryOperator<ServeConfig> customise) {
        return new TestingServer(InfluxServer.start(customise.apply(config(dataDir))), dataDir);
    }

    /** Polls {@code condition} every 100 ms for up to 60 s. */
    static void eventually(java.util.function.Supplier<Boolean> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static TestingServer startWithoutAuth(Path dataDir) {
        return start(dataDir, c -> c.withoutAuth(true));
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port() + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET());
    }

    HttpResponse<String> post(String pathAndQuery, String body) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> postJson(String pathAndQuery, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new RuntimeException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeException(e);
        }
    }

    HttpResponse<String> write(String db, String lp) {
        return post("/api/v3/write_lp?db=" + db, lp);
    }

    HttpResponse<String> sql(String db, String sql, String format) {
        String json = "{\"db\":" + quote(db) + ",\"q\":" + quote(sql) + (format == null ? "" : ",\"format\":" + quote(format)) + "}";
        return postJson("/api/v3/query_sql", json);
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    @Override
    public void close() {
        server.close();
    }
}
