package io.influxdb3j.query.format;

import io.influxdb3j.common.TimeFormat;
import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Text of a normalised value for {@code csv} and {@code pretty}, following Arrow's display rules:
 * nulls are empty, floats keep {@code .0}, timestamps use {@link TimeFormat}, lists print as
 * {@code [1, 2]} and structs as {@code {value: 1.0, time: 2024-01-01T00:00:00}}.
 */
final class ValueText {
    private static final HexFormat HEX = HexFormat.of();

    private ValueText() {
    }

    static String of(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Double || v instanceof Float || v instanceof EpochNanos || v instanceof Boolean
                || v instanceof Long) {
            return scalar(v);
        }
        StringBuilder sb = new StringBuilder();
        append(sb, v);
        return sb.toString();
    }

    static void append(StringBuilder sb, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                append(sb, list.get(i));
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append(": ");
                append(sb, e.getValue());
            }
            sb.append('}');
        } else {
            sb.append(scalar(v));
        }
    }

    /** Text of a non-null, non-nested value; shared with the JSON writer for values it prints as strings. */
    static String scalar(Object v) {
        return switch (v) {
            case String s -> s;
            case Double d -> FloatText.format(d);
            case Float f -> FloatText.format(f);
            case EpochNanos t -> t.text();
            case BigDecimal d -> d.toPlainString();
            case LocalTime t -> TimeFormat.formatNanos(t.toNanoOfDay()).substring("1970-01-01T".length());
            case byte[] bytes -> HEX.formatHex(bytes);
            default -> v.toString();
        };
    }
}
