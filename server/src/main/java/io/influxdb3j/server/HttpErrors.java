package io.influxdb3j.server;

import com.linecorp.armeria.common.HttpResponse;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place where errors become HTTP statuses and bodies. */
final class HttpErrors {
    private static final Logger LOG = LoggerFactory.getLogger(HttpErrors.class);

    private HttpErrors() {
    }

    static HttpResponse toResponse(Throwable t, ApiFamily family) {
        InfluxException e;
        if (t instanceof InfluxException ie) {
            e = ie;
        } else {
            LOG.error("internal error", t);
            e = new InfluxException(ErrorCode.INTERNAL, String.valueOf(t.getMessage() == null ? t.toString() : t.getMessage()), t);
        }
        int status = e.httpStatus();
        if (status >= 500) {
            LOG.warn("request failed: {}", e.getMessage());
        }
        return switch (family) {
            case V2 -> Reply.json(v2Status(e), v2Body(e));
            case JSON_ERROR -> Reply.jsonText(status, Reply.errorJson(e.getMessage()));
            case PLAIN -> e.code() == ErrorCode.LIMIT_EXCEEDED
                    ? Reply.jsonText(status, Reply.errorJson(e.getMessage()))
                    : Reply.text(status, e.getMessage());
        };
    }

    static Map<String, String> v2Body(InfluxException e) {
        String code = switch (e.code().category()) {
            case AUTH -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not found";
            case TOO_LARGE -> "request too large";
            case INTERNAL, RESOURCES -> "internal error";
            default -> "invalid";
        };
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", e.code().category() == ErrorCode.Category.AUTH ? "unauthorized access" : e.getMessage());
        return body;
    }

    /** v2 statuses: limits and conflicts are "invalid" (400) there. */
    static int v2Status(InfluxException e) {
        return switch (e.code().category()) {
            case LIMIT, CONFLICT, USER, NOT_IMPLEMENTED -> 400;
            default -> e.httpStatus();
        };
    }
}
