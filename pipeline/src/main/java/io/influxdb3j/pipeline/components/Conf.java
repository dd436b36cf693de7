package io.influxdb3j.pipeline.components;

import com.fasterxml.jackson.databind.JsonNode;
import io.influxdb3j.pipeline.Durations;
import io.influxdb3j.pipeline.PipelineException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a linted component config with defaults. As with Redpanda Connect, a YAML null for a string field is the
 * empty string ({@code interval:} with no value means ""); a missing field takes the default.
 */
public final class Conf {
    private final JsonNode node;
    private final String where;

    public Conf(JsonNode node, String where) {
        this.node = node == null || node.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : node;
        this.where = where;
    }

    public JsonNode node() {
        return node;
    }

    public boolean has(String name) {
        return node.has(name);
    }

    public String string(String name, String fallback) {
        JsonNode v = node.get(name);
        if (v == null) {
            return fallback;
        }
        return v.isNull() ? "" : v.asText();
    }

    public String requiredString(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.asText().isEmpty()) {
            throw new PipelineException(where + ": field " + name + " is required");
        }
        return v.asText();
    }

    public long integer(String name, long fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber()) {
            throw new PipelineException(where + "." + name + ": expected int value, got " + v);
        }
        return v.asLong();
    }

    public boolean bool(String name, boolean fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw new PipelineException(where + "." + name + ": expected bool value, got " + v);
        }
        return v.asBoolean();
    }

    /** A Go duration; a missing field takes {@code fallback}, an empty one {@link Duration#ZERO}. */
    public Duration duration(String name, Duration fallback) {
        JsonNode v = node.get(name);
        if (v == null) {
            return fallback;
        }
        if (v.isNull() || v.asText().isBlank()) {
            return Duration.ZERO;
        }
        try {
            return Durations.parse(v.asText());
        } catch (IllegalArgumentException e) {
            throw new PipelineException(where + "." + name + ": " + e.getMessage());
        }
    }

    public List<String> strings(String name, List<String> fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(x -> out.add(x.asText()));
        } else {
            out.add(v.asText());
        }
        return out;
    }

    public List<Integer> ints(String name, List<Integer> fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        v.forEach(x -> out.add(x.asInt()));
        return out;
    }

    /** A string-to-string map (e.g. {@code headers}); scalars are taken as text. */
    public Map<String, String> stringMap(String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode v = node.get(name);
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return out;
    }

    public Conf child(String name) {
        return new Conf(node.get(name), where + "." + name);
    }

    public String where() {
        return where;
    }
}
