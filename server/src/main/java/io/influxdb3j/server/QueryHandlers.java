package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpResponse;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.query.api.QueryLanguage;
import io.influxdb3j.query.api.QueryRequest;
import io.influxdb3j.query.format.ResultFormat;
import io.influxdb3j.query.format.ResultWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/v3/query_sql} and {@code /api/v3/query_influxql}: request decoding, format choice, execution. */
final class QueryHandlers {
    private final QueryExecutor executor;
    private final ServerMetrics metrics;

    QueryHandlers(QueryExecutor executor, ServerMetrics metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    HttpResponse sql(Request r) {
        return run(r, QueryLanguage.SQL);
    }

    HttpResponse influxql(Request r) {
        return run(r, QueryLanguage.INFLUXQL);
    }

    private HttpResponse run(Request r, QueryLanguage language) {
        // The Accept header is validated first, even when format is given (as InfluxDB does).
        ResultFormat fromAccept = ResultFormat.fromAccept(r.header("accept"));
        String db;
        String q;
        String format;
        Map<String, Object> params;
        if (r.raw.method().name().equals("GET")) {
            if (!r.hasQueryString()) {
                throw InfluxException.invalid("missing query parameters 'db' and 'q'");
            }
            db = r.param("db");
            q = r.param("q");
            format = r.param("format");
            params = parseParams(r.param("params"));
        } else {
            JsonNode body;
            try {
                body = Reply.JSON.readTree(r.body());
            } catch (IOException e) {
                throw InfluxException.invalid("serde json error: " + e.getMessage());
            }
            if (body == null || !body.isObject()) {
                throw InfluxException.invalid("serde json error: expected a JSON object with fields db and q");
            }
            db = text(body, "db");
            q = text(body, "q");
            format = text(body, "format");
            params = body.has("params") && !body.get("params").isNull() ? paramsFromJson(body.get("params")) : Map.of();
        }
        if (language == QueryLanguage.SQL && db == null) {
            throw InfluxException.invalid("serde error: missing field `db`");
        }
        if (q == null) {
            throw InfluxException.invalid("serde error: missing field `q`");
        }
        if (language == QueryLanguage.INFLUXQL) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "error in InfluxQL statement: InfluxQL is not supported by this server yet; use /api/v3/query_sql");
        }
        ResultFormat fmt = format == null ? fromAccept : ResultFormat.parse(format);
        QueryRequest request = new QueryRequest(db, q, params, language);
        long start = System.nanoTime();
        boolean ok = false;
        try {
            HttpResponse response;
            if (fmt == ResultFormat.PARQUET) {
                Path tmp = Files.createTempFile("influxdb3j-query-", ".parquet");
                try {
                    long rows = executor.queryToParquet(request, tmp);
                    byte[] bytes = rows == 0 || !Files.exists(tmp) ? new byte[0] : Files.readAllBytes(tmp);
                    response = Reply.bytes(200, fmt.contentType(), bytes);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            } else {
                byte[] bytes = executor.query(request, rs -> {
                    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
                    ResultWriter.write(rs, fmt, out);
                    return out.toByteArray();
                });
                response = Reply.bytes(200, fmt.contentType(), bytes);
            }
            ok = true;
            return response;
        } catch (InfluxException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new InfluxException(ErrorCode.NOT_FOUND, "query error: " + e.getMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot produce parquet result: " + e.getMessage(), e);
        } finally {
            metrics.recordQuery(System.nanoTime() - start, ok);
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Map<String, Object> parseParams(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return paramsFromJson(Reply.JSON.readTree(json));
        } catch (IOException e) {
            throw InfluxException.invalid("serde error: params must be a JSON object: " + e.getMessage());
        }
    }

    private static Map<String, Object> paramsFromJson(JsonNode node) {
        if (!node.isObject()) {
            throw InfluxException.invalid("serde error: params must be a JSON object of name to value");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Object value;
            if (v.isNull()) {
                value = null;
            } else if (v.isBoolean()) {
                value = v.booleanValue();
            } else if (v.isBigInteger()) {
                value = new BigInteger(v.asText());
            } else if (v.isIntegralNumber()) {
                value = v.longValue();
            } else if (v.isNumber()) {
                value = v.doubleValue();
            } else if (v.isTextual()) {
                value = v.textValue();
            } else {
                throw InfluxException.invalid("serde error: parameter '" + e.getKey() + "' must be a scalar (null, bool, number or string)");
            }
            out.put(e.getKey(), value);
        }
        return out;
    }
}
