package io.influxdb3j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * A fake InfluxDB 3 server on 127.0.0.1 and a free port: records every request and answers with canned responses
 * registered per method and path ({@code 404 not found} otherwise).
 */
final class TestingHttpServer implements AutoCloseable {
    /** What the client sent. */
    record RecordedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers,
                           byte[] body) {
        /** First value of a header, names case-insensitive; null if absent. */
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** Query parameters, decoded, in order. */
        Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            if (rawQuery == null || rawQuery.isEmpty()) {
                return out;
            }
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String k = eq < 0 ? pair : pair.substring(0, eq);
                String v = eq < 0 ? "" : pair.substring(eq + 1);
                out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            }
            return out;
        }

        /** The body as text, gunzipped if it was sent with {@code Content-Encoding: gzip}. */
        String text() {
            return new String(decodedBody(), StandardCharsets.UTF_8);
        }

        byte[] decodedBody() {
            if ("gzip".equals(header("Content-Encoding"))) {
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return body;
        }

        JsonNode json() {
            return Json.parse(body);
        }
    }

    /** A response to send. */
    record Canned(int status, String contentType, byte[] body) {
        static Canned of(int status, String contentType, String body) {
            return new Canned(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, Function<RecordedRequest, Canned>> routes = new ConcurrentHashMap<>();

    private TestingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static TestingHttpServer start() {
        try {
            return new TestingHttpServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    TestingHttpServer respond(String method, String path, int status, String contentType, String body) {
        Canned canned = Canned.of(status, contentType, body);
        return respond(method, path, request -> canned);
    }

    TestingHttpServer respond(String method, String path, Function<RecordedRequest, Canned> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    RecordedRequest onlyRequest() {
        List<RecordedRequest> all = requests();
        if (all.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + all.size() + ": " + all);
        }
        return all.get(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
            RecordedRequest request = new RecordedRequest(exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(), headers, body);
            synchronized (requests) {
                requests.add(request);
            }
            Function<RecordedRequest, Canned> route = routes.get(request.method() + " " + request.path());
            Canned canned = route == null ? Canned.of(404, "text/plain", "not found") : route.apply(request);
            if (canned.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", canned.contentType());
            }
            if (canned.body().length == 0) {
                exchange.sendResponseHeaders(canned.status(), -1);
            } else {
                exchange.sendResponseHeaders(canned.status(), canned.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(canned.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
