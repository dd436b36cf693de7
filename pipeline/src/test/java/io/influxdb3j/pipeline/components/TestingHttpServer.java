package io.influxdb3j.pipeline.components;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local HTTP server that records requests and answers with scripted responses (then 204 once they run out). */
final class TestingHttpServer implements AutoCloseable {
    record Request(String method, String uri, String authorization, String header, String body) {
    }

    record Response(int status, String body) {
    }

    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Response> script = new ArrayDeque<>();
    private final HttpServer server;
    private final String recordHeader;

    TestingHttpServer(String recordHeader, Response... responses) throws IOException {
        this.recordHeader = recordHeader;
        script.addAll(List.of(responses));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().toString(),
                        ex.getRequestHeaders().getFirst("Authorization"),
                        recordHeader == null ? null : ex.getRequestHeaders().getFirst(recordHeader), body));
                Response r;
                synchronized (script) {
                    r = script.isEmpty() ? new Response(204, "") : script.poll();
                }
                byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(r.status(), b.length == 0 ? -1 : b.length);
                if (b.length > 0) {
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(b);
                    }
                }
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
