package io.influxdb3j.pipeline.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The service-wide HTTP server of the {@code http} block: {@code /ping}, {@code /ready}, {@code /version},
 * {@code /metrics} and {@code /stats}, {@code /endpoints}, and the paths of {@code http_server} inputs without an
 * address; each also under {@code root_path}. Built before components so they can register paths; bound by
 * {@link #start()}. A failure to bind is remembered and reported to any component that needs the server.
 */
final class ServiceHttpServer implements PipelineContext.HttpEndpoints {
    private final PipelineSettings.Http settings;
    private final PipelineMetrics metrics;
    private final BooleanSupplier ready;
    private final String version;
    private final Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    private HttpServer server;
    private ExecutorService executor;
    private String bindError;

    ServiceHttpServer(PipelineSettings.Http settings, PipelineMetrics metrics, BooleanSupplier ready, String version) {
        this.settings = settings;
        this.metrics = metrics;
        this.ready = ready;
        this.version = version;
        handlers.put("/ping", ex -> reply(ex, 200, "text/plain", "pong"));
        handlers.put("/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            reply(ex, ok ? 200 : 503, "text/plain", ok ? "OK" : "not ready: the input or output is not connected");
        });
        handlers.put("/version", ex -> reply(ex, 200, "application/json",
                "{\"version\":\"" + version + "\",\"built\":\"influxdb3j\"}"));
        handlers.put("/metrics", ex -> reply(ex, 200, "text/plain; version=0.0.4", metrics.prometheus()));
        handlers.put("/stats", ex -> reply(ex, 200, "text/plain; version=0.0.4", metrics.prometheus()));
        handlers.put("/endpoints", ex -> {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (String p : handlers.keySet()) {
                sb.append(first ? "" : ",").append('"').append(p).append("\":\"\"");
                first = false;
            }
            reply(ex, 200, "application/json", sb.append('}').toString());
        });
    }

    /** Binds the address; a failure (e.g. the port is taken) is returned as a message, not thrown. */
    synchronized String start() {
        try {
            server = HttpServer.create(parse(settings.address()), 0);
        } catch (IOException | RuntimeException e) {
            bindError = "the http server could not listen on " + settings.address() + ": " + e.getMessage();
            return bindError;
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pipeline-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        handlers.forEach(this::createContexts);
        server.start();
        return null;
    }

    private void createContexts(String path, HttpHandler handler) {
        HttpHandler withCors = settings.corsOrigins().isEmpty() ? handler : ex -> {
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin != null && (settings.corsOrigins().contains("*") || settings.corsOrigins().contains(origin))) {
                ex.getResponseHeaders().set("Access-Control-Allow-Origin", origin);
            }
            handler.handle(ex);
        };
        server.createContext(path, withCors);
        String root = settings.rootPath();
        if (root != null && !root.isEmpty() && !root.equals("/")) {
            server.createContext((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path, withCors);
        }
    }

    @Override
    public synchronized void register(String path, HttpHandler handler) {
        if (bindError != null) {
            throw new PipelineException(bindError);
        }
        if (handlers.containsKey(path)) {
            throw new PipelineException("the path " + path + " is already served by the http server");
        }
        handlers.put(path, handler);
        if (server != null) {
            createContexts(path, handler);
        }
    }

    @Override
    public String address() {
        if (server == null) {
            return settings.address();
        }
        // Show the configured host (0.0.0.0 rather than the JDK's "0:0:0:0:0:0:0:0") with the bound port.
        String configured = settings.address();
        return configured.substring(0, configured.lastIndexOf(':')) + ":" + server.getAddress().getPort();
    }

    /** The bound port, or -1 before {@link #start()} or after a failure. */
    int port() {
        return server == null ? -1 : server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    static InetSocketAddress parse(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new PipelineException("invalid http.address '" + address + "': expected host:port");
        }
        String host = address.substring(0, colon);
        int port = Integer.parseInt(address.substring(colon + 1));
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static void reply(HttpExchange ex, int code, String type, String body) throws IOException {
        try (ex) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(code, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        }
    }
}
