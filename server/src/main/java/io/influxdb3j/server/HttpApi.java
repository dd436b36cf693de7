package io.influxdb3j.server;

import com.linecorp.armeria.common.AggregatedHttpRequest;
import com.linecorp.armeria.common.AggregationOptions;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Routes HTTP requests by exact method and path (unknown pairs are {@code 404 Not found}, as in
 * InfluxDB), answers CORS preflights, authenticates, and runs handlers on blocking threads with
 * errors mapped by {@link HttpErrors}.
 */
final class HttpApi implements HttpService {
    static final String ADMIN_TOKEN_PATH = "/api/v3/configure/token/admin";
    /** Heap buffers (parsed in place by the line-protocol parser, which reads byte arrays), pooled. */
    private static final io.netty.buffer.ByteBufAllocator WRITE_BODIES = new io.netty.buffer.PooledByteBufAllocator(false);

    /** {@code bodyInPlace}: the handler reads the body only through {@link Request#bodyView()} and only until it returns. */
    private record Route(Function<Request, HttpResponse> handler, ApiFamily family, boolean bodyInPlace) {
    }

    private final Map<String, Route> routes = new HashMap<>();
    /** Routes matched by path prefix, for GET and POST (the processing engine's request triggers). */
    private final Map<String, Route> prefixRoutes = new java.util.LinkedHashMap<>();
    private final Authenticator auth;
    private final long maxBodyBytes;
    private final ServerMetrics metrics;
    private final String clusterUuid;

    HttpApi(Authenticator auth, long maxBodyBytes, ServerMetrics metrics, String clusterUuid) {
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
        this.metrics = metrics;
        this.clusterUuid = clusterUuid;
    }

    HttpApi route(String method, String path, ApiFamily family, Function<Request, HttpResponse> handler) {
        routes.put(method + " " + path, new Route(handler, family, false));
        return this;
    }

    /**
     * A POST route whose body is aggregated into a pooled buffer, read in place and released when
     * the handler returns: for writes, which return only once durable and keep no reference to the body.
     */
    HttpApi writeRoute(String path, ApiFamily family, Function<Request, HttpResponse> handler) {
        routes.put("POST " + path, new Route(handler, family, true));
        return this;
    }

    HttpApi prefixRoute(String prefix, ApiFamily family, Function<Request, HttpResponse> handler) {
        prefixRoutes.put(prefix, new Route(handler, family, false));
        return this;
    }

    @Override
    public HttpResponse serve(ServiceRequestContext ctx, HttpRequest req) {
        ctx.addAdditionalResponseHeader("access-control-allow-origin", "*");
        ctx.addAdditionalResponseHeader("cluster-uuid", clusterUuid);
        if (req.method() == HttpMethod.OPTIONS) {
            return HttpResponse.of(ResponseHeaders.builder(HttpStatus.NO_CONTENT)
                    .add("access-control-allow-methods", "*")
                    .add("access-control-allow-headers", "*")
                    .add("access-control-max-age", "86400").build());
        }
        Route direct = routes.get(req.method().name() + " " + ctx.path());
        if (direct != null && direct.bodyInPlace()) {
            // aggregated once, into a pooled heap buffer, and released when the handler returns
            return HttpResponse.of(req.aggregate(AggregationOptions.usePooledObjects(WRITE_BODIES))
                    .thenApplyAsync(agg -> {
                        try {
                            return handle(agg);
                        } finally {
                            agg.content().close();
                        }
                    }, ctx.blockingTaskExecutor()));
        }
        return HttpResponse.of(req.aggregate().thenApplyAsync(agg -> handle(agg), ctx.blockingTaskExecutor()));
    }

    private HttpResponse handle(AggregatedHttpRequest agg) {
        metrics.recordHttpRequest();
        Request r = new Request(agg, maxBodyBytes);
        Route route = routes.get(agg.method().name() + " " + r.path);
        if (route == null && (agg.method() == HttpMethod.GET || agg.method() == HttpMethod.POST)) {
            for (Map.Entry<String, Route> e : prefixRoutes.entrySet()) {
                if (r.path.startsWith(e.getKey()) && r.path.length() > e.getKey().length()) {
                    route = e.getValue();
                    break;
                }
            }
        }
        if (route == null) {
            return Reply.text(404, "Not found");
        }
        if (!(agg.method() == HttpMethod.POST && r.path.equals(ADMIN_TOKEN_PATH))) {
            switch (auth.check(r.path, r.param("p"), r.header("authorization"))) {
                case OK -> {
                }
                case MALFORMED -> {
                    return Reply.jsonText(400, Authenticator.MALFORMED_BODY);
                }
                case UNAUTHENTICATED -> {
                    return route.family() == ApiFamily.V2
                            ? Reply.jsonText(401, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}")
                            : Reply.jsonText(401, Authenticator.UNAUTHENTICATED_BODY);
                }
            }
        }
        try {
            return route.handler().apply(r);
        } catch (Throwable t) {
            return HttpErrors.toResponse(t, route.family());
        }
    }
}
