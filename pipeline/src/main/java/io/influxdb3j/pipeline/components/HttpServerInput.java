package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.influxdb3j.pipeline.ComponentFactory;
import io.influxdb3j.pipeline.FieldSpec;
import io.influxdb3j.pipeline.FieldSpec.FieldType;
import io.influxdb3j.pipeline.Input;
import io.influxdb3j.pipeline.Message;
import io.influxdb3j.pipeline.PipelineContext;
import io.influxdb3j.pipeline.PipelineException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code http_server}: each request body to {@code path} is one message; the response is sent once the message was
 * delivered ({@code sync_response.status}, default 200), failed (500) or timed out ({@code timeout}, 408). With an
 * empty {@code address} the path is served by the service-wide server of the {@code http} block; otherwise by a
 * server of its own. Metadata: {@code http_server_user_agent}, {@code http_server_request_path},
 * {@code http_server_verb}, {@code http_server_remote_ip}, each header (first value) and each query parameter.
 * The input never ends on its own.
 */
public final class HttpServerInput implements Input {
    private record Pending(Message message, CompletableFuture<Boolean> delivered) {
    }

    private final PipelineContext context;
    private final String address;
    private final String path;
    private final List<String> verbs;
    private final Duration timeout;
    private final int status;
    private final Map<String, String> responseHeaders;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private HttpServer own;

    HttpServerInput(PipelineContext context, String address, String path, List<String> verbs, Duration timeout, int status,
                    Map<String, String> responseHeaders) {
        this.context = context;
        this.address = address;
        this.path = path;
        this.verbs = verbs.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
        this.timeout = timeout;
        this.status = status;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void connect() throws IOException {
        if (address.isEmpty()) {
            PipelineContext.HttpEndpoints http = context.http().orElseThrow(() -> new PipelineException(
                    "input http_server: address is empty, which means the service-wide server of the http block, "
                            + "but that server is disabled; set http.enabled: true or give the input an address"));
            http.register(path, this::handle);
            return;
        }
        own = HttpServer.create(parseAddress(address), 0);
        own.createContext(path, this::handle);
        own.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "http_server-input");
            t.setDaemon(true);
            return t;
        }));
        own.start();
    }

    /** The port of the input's own server (for tests that bind port 0), or -1. */
    public int port() {
        return own == null ? -1 : own.getAddress().getPort();
    }

    static InetSocketAddress parseAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0) {
            throw new PipelineException("invalid address '" + address + "': expected host:port, e.g. 0.0.0.0:4195");
        }
        String host = address.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new PipelineException("invalid address '" + address + "': the port is not a number");
        }
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String requestPath = ex.getRequestURI().getPath();
            if (!requestPath.equals(path) && !requestPath.endsWith(path)) {
                reply(ex, 404, "not found");
                return;
            }
            String verb = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            if (!verbs.contains(verb)) {
                reply(ex, 405, "method not allowed");
                return;
            }
            if (closed) {
                reply(ex, 503, "server closing");
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, Object> meta = new LinkedHashMap<>();
            String agent = ex.getRequestHeaders().getFirst("User-Agent");
            meta.put("http_server_user_agent", agent == null ? "" : agent);
            meta.put("http_server_request_path", requestPath);
            meta.put("http_server_verb", verb);
            meta.put("http_server_remote_ip", ex.getRemoteAddress().getAddress().getHostAddress());
            ex.getRequestHeaders().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    meta.put(canonicalHeader(k), v.get(0));
                }
            });
            String query = ex.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int eq = pair.indexOf('=');
                    String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    meta.putIfAbsent(k, v);
                }
            }
            Pending p = new Pending(new Message(body, meta), new CompletableFuture<>());
            queue.add(p);
            boolean delivered;
            try {
                delivered = p.delivered().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                reply(ex, 408, "request timed out");
                return;
            } catch (Exception e) {
                delivered = false;
            }
            if (delivered) {
                responseHeaders.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                ex.sendResponseHeaders(status, -1);
            } else {
                reply(ex, 500, "message was not delivered");
            }
        }
    }

    private static void reply(HttpExchange ex, int code, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    /** Go's canonical header form: {@code content-type} becomes {@code Content-Type}. */
    static String canonicalHeader(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return sb.toString();
    }

    @Override
    public ReadBatch readBatch() throws InterruptedException {
        while (!closed) {
            Pending p = queue.poll(100, TimeUnit.MILLISECONDS);
            if (p != null) {
                return new ReadBatch(List.of(p.message()), delivered -> p.delivered().complete(delivered));
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        Pending p;
        while ((p = queue.poll()) != null) {
            p.delivered().complete(false);
        }
        if (own != null) {
            own.stop(0);
        }
    }

    /** The factory. */
    public static final class Factory implements ComponentFactory {
        @Override
        public Kind kind() {
            return Kind.INPUT;
        }

        @Override
        public String type() {
            return "http_server";
        }

        @Override
        public List<FieldSpec> fields() {
            return List.of(FieldSpec.optional("address", FieldType.STRING, ""),
                    FieldSpec.optional("path", FieldType.STRING, "/post"),
                    FieldSpec.optional("allowed_verbs", FieldType.STRING_LIST, List.of("POST")),
                    FieldSpec.optional("timeout", FieldType.DURATION, "5s"),
                    FieldSpec.object("sync_response",
                            FieldSpec.optional("status", FieldType.STRING, "200"),
                            FieldSpec.optional("headers", FieldType.OBJECT, Map.of("Content-Type", "application/octet-stream"))));
        }

        @Override
        public List<String> validate(JsonNode config) {
            List<String> out = new ArrayList<>();
            String path = config.path("path").asText("/post");
            if (config.has("path") && !path.startsWith("/")) {
                out.add("path must start with /, got " + path);
            }
            JsonNode status = config.path("sync_response").path("status");
            if (!status.isMissingNode() && !status.isNull()) {
                try {
                    int s = Integer.parseInt(status.asText());
                    if (s < 100 || s > 599) {
                        out.add("sync_response.status must be an HTTP status, got " + s);
                    }
                } catch (NumberFormatException e) {
                    out.add("sync_response.status must be a number, got " + status.asText());
                }
            }
            return out;
        }

        @Override
        public Input createInput(JsonNode config, PipelineContext context) {
            Conf conf = new Conf(config, "input.http_server");
            Conf sync = conf.child("sync_response");
            Map<String, String> headers = sync.has("headers") ? sync.stringMap("headers")
                    : Map.of("Content-Type", "application/octet-stream");
            return new HttpServerInput(context, conf.string("address", ""), conf.string("path", "/post"),
                    conf.strings("allowed_verbs", List.of("POST")), conf.duration("timeout", Duration.ofSeconds(5)),
                    Integer.parseInt(sync.string("status", "200")), headers);
        }
    }
}
