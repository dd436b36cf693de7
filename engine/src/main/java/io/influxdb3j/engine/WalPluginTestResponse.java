package io.influxdb3j.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The body of {@code POST /api/v3/plugin_test/wal}: {@code {"log_lines", "database_writes", "errors"}}. */
public record WalPluginTestResponse(
        @JsonProperty("log_lines") List<String> logLines,
        @JsonProperty("database_writes") Map<String, List<String>> databaseWrites,
        @JsonProperty("errors") List<String> errors) {
}
