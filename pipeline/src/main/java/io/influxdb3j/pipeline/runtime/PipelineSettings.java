package io.influxdb3j.pipeline.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.Durations;
import io.influxdb3j.pipeline.PipelineException;
import io.influxdb3j.pipeline.config.PipelineConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service-level settings of a config with their defaults: {@code pipeline.threads}, {@code shutdown_timeout}
 * (20s), {@code shutdown_delay} (0s), the {@code http} block and the {@code logger} block.
 */
public record PipelineSettings(int threads, Duration shutdownTimeout, Duration shutdownDelay, Http http, Logger logger,
                               boolean outputIsStdout) {
    /** The service-wide HTTP server: {@code enabled} (true), {@code address} (0.0.0.0:4195), {@code root_path} (/benthos). */
    public record Http(boolean enabled, String address, String rootPath, boolean debugEndpoints, List<String> corsOrigins) {
    }

    /**
     * The {@code logger} block: {@code level} (INFO; upper case), {@code format} (logfmt or json),
     * {@code add_timestamp}, the JSON field names and {@code static_fields} ({@code @service: benthos}).
     */
    public record Logger(String level, String format, boolean addTimestamp, String levelName, String timestampName,
                         String messageName, Map<String, String> staticFields, String file) {
        /** This logger with {@code level} replaced (the {@code --log.level} flag); null keeps it. */
        public Logger withLevel(String newLevel) {
            return newLevel == null ? this : new Logger(newLevel.toUpperCase(Locale.ROOT), format, addTimestamp, levelName,
                    timestampName, messageName, staticFields, file);
        }
    }

    public static PipelineSettings of(PipelineConfig config) {
        JsonNode root = config.root();
        int threads = root.path("pipeline").path("threads").asInt(-1);
        if (threads <= 0) {
            threads = Runtime.getRuntime().availableProcessors();
        }
        JsonNode http = root.path("http");
        if (!http.path("cert_file").asText("").isEmpty() || !http.path("key_file").asText("").isEmpty()) {
            throw new PipelineException(config.fileName() + ": http.cert_file/key_file: TLS for the service-wide HTTP "
                    + "server is not supported; remove them or put a TLS proxy in front");
        }
        if (http.path("basic_auth").path("enabled").asBoolean(false)) {
            throw new PipelineException(config.fileName() + ": http.basic_auth: basic authentication for the service-wide "
                    + "HTTP server is not supported");
        }
        List<String> origins = new java.util.ArrayList<>();
        if (http.path("cors").path("enabled").asBoolean(false)) {
            http.path("cors").path("allowed_origins").forEach(o -> origins.add(o.asText()));
        }
        Http h = new Http(http.path("enabled").asBoolean(true), text(http, "address", "0.0.0.0:4195"),
                text(http, "root_path", "/benthos"), http.path("debug_endpoints").asBoolean(false), List.copyOf(origins));
        JsonNode log = root.path("logger");
        if (log.path("file").path("rotate").asBoolean(false)) {
            throw new PipelineException(config.fileName() + ": logger.file.rotate: log rotation is not supported; "
                    + "rotate the file with logrotate (copytruncate) instead");
        }
        Map<String, String> statics = new LinkedHashMap<>();
        if (log.has("static_fields") && log.get("static_fields").isObject()) {
            log.get("static_fields").properties().forEach(e -> statics.put(e.getKey(), e.getValue().asText()));
        } else if (!log.has("static_fields")) {
            statics.put("@service", "benthos");
        }
        Logger l = new Logger(text(log, "level", "INFO").toUpperCase(Locale.ROOT), text(log, "format", "logfmt").toLowerCase(Locale.ROOT),
                log.path("add_timestamp").asBoolean(false), text(log, "level_name", "level"), text(log, "timestamp_name", "time"),
                text(log, "message_name", "msg"), Map.copyOf(statics), log.path("file").path("path").asText(""));
        JsonNode output = root.path("output");
        boolean stdout = output.isMissingNode() || output.isNull() || output.has("stdout")
                || output.path("type").asText("").equals("stdout");
        return new PipelineSettings(threads, duration(config, root, "shutdown_timeout", Duration.ofSeconds(20)),
                duration(config, root, "shutdown_delay", Duration.ZERO), h, l, stdout);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    private static Duration duration(PipelineConfig config, JsonNode root, String field, Duration fallback) {
        String text = root.path(field).asText("");
        try {
            return Durations.parseOr(text, fallback);
        } catch (IllegalArgumentException e) {
            throw new PipelineException(config.fileName() + ": " + field + ": " + e.getMessage());
        }
    }
}
