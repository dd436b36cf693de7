package io.influxdb3j.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** The HTTP response a request plugin produced; header names keep the case the plugin gave them. */
public record PluginResponse(int status, Map<String, String> headers, String body) {
    public PluginResponse {
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A 500 with body {@code {"error": "<message>"}}, as InfluxDB 3 answers a failed request plugin. */
    public static PluginResponse error(String message) {
        return new PluginResponse(500, Map.of("Content-Type", "application/json"),
                "{\"error\": " + jsonString(message) + "}");
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
