package io.influxdb3j.engine;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v3/plugin_test/schedule}. {@code triggerTime} is RFC 3339 UTC with a
 * {@code Z} ({@code 2026-08-21T10:00:05Z}), or null when the run failed.
 */
public record SchedulePluginTestResponse(
        @JsonProperty("trigger_time") String triggerTime,
        @JsonProperty("log_lines") List<String> logLines,
        @JsonProperty("database_writes") Map<String, List<String>> databaseWrites,
        @JsonProperty("errors") List<String> errors) {
}
