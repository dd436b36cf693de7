package io.influxdb3j.pipeline;

import java.util.List;

/**
 * One config field of a component, for the linter: its YAML name, type, whether it is required,
 * for enum fields the allowed values (compared case-insensitively), and for {@link FieldType#OBJECT}
 * fields the nested fields (an object field without children takes any keys).
 */
public record FieldSpec(String name, FieldType type, boolean required, Object defaultValue, List<String> allowedValues,
                        List<FieldSpec> children) {
    /**
     * Value types. {@code BLOBLANG} is a mapping and {@code INTERPOLATED_STRING} a string with {@code ${! ... }}
     * parts; the linter parses both and reports errors at their line in the file.
     */
    public enum FieldType { STRING, INT, BOOL, DURATION, STRING_LIST, OBJECT, ANY, NUMBER, INT_LIST, BLOBLANG, INTERPOLATED_STRING }

    public FieldSpec {
        allowedValues = List.copyOf(allowedValues);
        children = List.copyOf(children);
    }

    public FieldSpec(String name, FieldType type, boolean required, Object defaultValue, List<String> allowedValues) {
        this(name, type, required, defaultValue, allowedValues, List.of());
    }

    public static FieldSpec optional(String name, FieldType type, Object defaultValue) {
        return new FieldSpec(name, type, false, defaultValue, List.of());
    }

    public static FieldSpec required(String name, FieldType type) {
        return new FieldSpec(name, type, true, null, List.of());
    }

    public static FieldSpec oneOf(String name, String defaultValue, String... allowed) {
        return new FieldSpec(name, FieldType.STRING, false, defaultValue, List.of(allowed));
    }

    /** An optional object whose keys are checked against {@code children}. */
    public static FieldSpec object(String name, FieldSpec... children) {
        return new FieldSpec(name, FieldType.OBJECT, false, null, List.of(), List.of(children));
    }

    /** The child named {@code name}, or null. */
    public FieldSpec child(String name) {
        for (FieldSpec c : children) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
