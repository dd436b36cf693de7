package io.influxdb3j.pipeline;

import java.util.List;

/**
 * One config field of a component, for the linter: its YAML name, type, whether it is required,
 * and, for enum fields, the allowed values.
 */
public record FieldSpec(String name, FieldType type, boolean required, Object defaultValue, List<String> allowedValues) {
    public enum FieldType { STRING, INT, BOOL, DURATION, STRING_LIST, OBJECT, ANY }

    public static FieldSpec optional(String name, FieldType type, Object defaultValue) {
        return new FieldSpec(name, type, false, defaultValue, List.of());
    }

    public static FieldSpec required(String name, FieldType type) {
        return new FieldSpec(name, type, true, null, List.of());
    }

    public static FieldSpec oneOf(String name, String defaultValue, String... allowed) {
        return new FieldSpec(name, FieldType.STRING, false, defaultValue, List.of(allowed));
    }
}
