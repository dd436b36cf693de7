package io.influxdb3j.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.TriggerDef;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.engine.PluginResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Trigger management ({@code /api/v3/configure/processing_engine_trigger*}) and request triggers ({@code /api/v3/engine/*}). */
final class TriggerHandlers {
    static final String ENGINE_PREFIX = "/api/v3/engine/";
    private static final Set<String> ERROR_BEHAVIORS = Set.of("log", "retry", "disable");

    private final Catalog catalog;
    private final TriggerManager manager; // null when the server runs without --plugin-dir
    private final Set<ServeConfig.TriggerKind> allowedKinds; // empty: all

    TriggerHandlers(Catalog catalog, TriggerManager manager, Set<ServeConfig.TriggerKind> allowedKinds) {
        this.catalog = catalog;
        this.manager = manager;
        this.allowedKinds = allowedKinds;
    }

    private TriggerManager manager() {
        if (manager == null) {
            throw InfluxException.invalid("the processing engine is off: start the server with --plugin-dir DIR");
        }
        return manager;
    }

    HttpResponse create(Request r) {
        TriggerManager m = manager();
        JsonNode body = ConfigureHandlers.jsonBody(r);
        String db = text(body, "db", true);
        String plugin = text(body, "plugin_filename", true);
        String name = text(body, "trigger_name", true);
        String specText = text(body, "trigger_specification", true);
        JsonNode settings = body.get("trigger_settings");
        if (settings == null || !settings.isObject()) {
            throw InfluxException.invalid("serde json error: missing field `trigger_settings`");
        }
        boolean runAsync = settings.path("run_async").asBoolean(false);
        String errorBehavior = settings.path("error_behavior").asText("log");
        if (!ERROR_BEHAVIORS.contains(errorBehavior)) {
            throw InfluxException.invalid("serde json error: unknown error_behavior `" + errorBehavior
                    + "`, expected one of `log`, `retry`, `disable`");
        }
        Long timeLimitMillis = timeLimit(settings.get("time_limit"));
        String interpreter = settings.hasNonNull("interpreter") ? settings.get("interpreter").asText() : null;
        if (interpreter != null && !interpreter.equals(TriggerDef.SHARED) && !interpreter.equals(TriggerDef.ISOLATED)) {
            throw InfluxException.invalid("serde json error: unknown interpreter `" + interpreter
                    + "`, expected one of `shared`, `isolated`");
        }
        boolean disabled = body.path("disabled").asBoolean(false);
        Map<String, String> args = null;
        JsonNode a = body.get("trigger_arguments");
        if (a != null && a.isObject()) {
            args = new LinkedHashMap<>();
            Map<String, String> out = args;
            a.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        TriggerSpecs.Spec spec = TriggerSpecs.parse(specText);
        ServeConfig.TriggerKind kind = switch (spec) {
            case TriggerSpecs.Table t -> ServeConfig.TriggerKind.WAL;
            case TriggerSpecs.AllTables t -> ServeConfig.TriggerKind.WAL;
            case TriggerSpecs.Every t -> ServeConfig.TriggerKind.SCHEDULE;
            case TriggerSpecs.Cron t -> ServeConfig.TriggerKind.SCHEDULE;
            case TriggerSpecs.Request t -> ServeConfig.TriggerKind.REQUEST;
        };
        if (!allowedKinds.isEmpty() && !allowedKinds.contains(kind)) {
            throw InfluxException.invalid("server is configured to reject " + switch (kind) {
                case WAL -> "WalRows";
                case SCHEDULE -> "Schedule";
                case REQUEST -> "Request";
            } + " plugin triggers");
        }
        if (catalog.snapshot().database(db) == null) {
            throw InfluxException.notFound("database not found: " + db);
        }
        m.checkPlugin(name, plugin);
        catalog.createTrigger(db, name, plugin, spec.canonical(), args, runAsync, errorBehavior, disabled,
                timeLimitMillis, interpreter);
        return Reply.empty(200);
    }

    HttpResponse delete(Request r) {
        String db = r.param("db");
        String name = r.param("trigger_name");
        boolean force = r.boolParam("force", false);
        if (db == null && name == null && r.raw.content().length() > 0) {
            JsonNode body = ConfigureHandlers.jsonBody(r);
            db = text(body, "db", true);
            name = text(body, "trigger_name", true);
            force = body.path("force").asBoolean(false);
        }
        if (db == null || name == null) {
            throw InfluxException.invalid("serde error: missing field `" + (db == null ? "db" : "trigger_name") + "`");
        }
        catalog.deleteTrigger(db, name, force);
        return Reply.empty(200);
    }

    HttpResponse enable(Request r) {
        catalog.setTriggerDisabled(required(r, "db"), required(r, "trigger_name"), false);
        return Reply.empty(200);
    }

    HttpResponse disable(Request r) {
        catalog.setTriggerDisabled(required(r, "db"), required(r, "trigger_name"), true);
        return Reply.empty(200);
    }

    /** {@code GET|POST /api/v3/engine/<path>}. */
    HttpResponse engine(Request r) {
        String path = r.path.substring(ENGINE_PREFIX.length());
        Map<String, String> query = new LinkedHashMap<>();
        r.params.forEach(query::put); // a repeated key: the last value wins (spec §1.4)
        Map<String, String> headers = new LinkedHashMap<>();
        r.raw.headers().forEach((k, v) -> {
            String key = k.toString();
            if (!key.startsWith(":") && !key.equalsIgnoreCase("authorization")) {
                headers.put(key, v); // a repeated header: the last value wins
            }
        });
        PluginResponse response = manager == null ? null : manager.request(path, query, headers, r.body());
        if (response == null) {
            return HttpResponse.of(HttpStatus.NOT_FOUND, com.linecorp.armeria.common.MediaType.PLAIN_TEXT_UTF_8,
                    "{error: \"not found\"}");
        }
        ResponseHeadersBuilder h = ResponseHeaders.builder(HttpStatus.valueOf(response.status()));
        response.headers().forEach(h::set);
        return HttpResponse.of(h.build(), HttpData.ofUtf8(response.body() == null ? "" : response.body()));
    }

    /** {@code trigger_settings.time_limit}: a duration such as {@code "10s"} or {@code "500ms"}, or seconds as a number. */
    private static Long timeLimit(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        java.time.Duration d;
        try {
            d = n.isNumber() ? java.time.Duration.ofMillis(Math.round(n.asDouble() * 1000))
                    : io.influxdb3j.common.HumanDuration.parse(n.asText());
        } catch (RuntimeException e) {
            throw InfluxException.invalid("invalid time_limit `" + n.asText() + "`: " + e.getMessage()
                    + "; use a duration such as 10s or 500ms");
        }
        if (d.isNegative() || d.isZero()) {
            throw InfluxException.invalid("invalid time_limit `" + n.asText() + "`: it must be positive");
        }
        return d.toMillis();
    }

    private static String required(Request r, String name) {
        String v = r.param(name);
        if (v == null) {
            throw InfluxException.invalid("serde error: missing field `" + name + "`");
        }
        return v;
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw InfluxException.invalid("serde json error: missing field `" + field + "`");
            }
            return null;
        }
        return n.asText();
    }
}
