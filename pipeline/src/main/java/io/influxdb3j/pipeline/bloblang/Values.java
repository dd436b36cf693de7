package io.influxdb3j.pipeline.bloblang;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The value model of mappings and its conversions. Values are {@code null}, {@link Boolean}, {@link Long},
 * {@link Double}, {@link String}, {@code byte[]}, {@code List<Object>}, {@code Map<String, Object>}, or one of the
 * markers {@link #DELETED} and {@link #NOTHING}. JSON is written as Go's {@code encoding/json} writes it for
 * Redpanda Connect: compact, object keys sorted, no HTML escaping, whole floats without a fraction.
 */
public final class Values {
    /** {@code deleted()}: drops a message or removes a key. */
    public static final Object DELETED = new Marker("delete");
    /** {@code nothing()} and an {@code if} without a matching branch: the assignment is skipped. */
    public static final Object NOTHING = new Marker("nothing");

    private static final JsonFactory JSON = new JsonFactory();

    private Values() {
    }

    private record Marker(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Bloblang's type name of a value: string, bytes, number, bool, array, object, null, delete, nothing. */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v == DELETED) {
            return "delete";
        }
        if (v == NOTHING) {
            return "nothing";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof byte[]) {
            return "bytes";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof List) {
            return "array";
        }
        if (v instanceof Map) {
            return "object";
        }
        return "unknown";
    }

    /** Parses JSON text into the value model (integers as Long when they fit, other numbers as Double). */
    public static Object parseJson(byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new IllegalArgumentException("empty document");
            }
            Object v = read(p, t);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("unexpected data after the JSON value");
            }
            return v;
        } catch (IOException e) {
            String m = e.getMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            throw new IllegalArgumentException(nl > 0 ? m.substring(0, nl) : m);
        }
    }

    public static Object parseJson(String json) {
        return parseJson(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Object read(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    m.put(name, read(p, p.nextToken()));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                JsonToken n;
                while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
                    l.add(read(p, n));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getDoubleValue() : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + t);
        }
    }

    /** Compact, key-sorted JSON. Bytes are written as strings (Bloblang sanitises them on assignment). */
    public static String toJson(Object v) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v, null, 0);
        return sb.toString();
    }

    /** JSON indented with {@code indent} per level (key-sorted), as {@code format_json()} prints. */
    public static String toJson(Object v, String indent) {
        StringBuilder sb = new StringBuilder();
        writeJson(sb, v, indent == null || indent.isEmpty() ? null : indent, 0);
        return sb.toString();
    }

    private static void writeJson(StringBuilder sb, Object v, String indent, int level) {
        if (v == null || v == DELETED || v == NOTHING) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof byte[] b) {
            quote(sb, new String(b, StandardCharsets.UTF_8));
        } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            sb.append(v);
        } else if (v instanceof Number n) {
            sb.append(formatFloat(n.doubleValue()));
        } else if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                newline(sb, indent, level + 1);
                quote(sb, String.valueOf(e.getKey()));
                sb.append(indent == null ? ":" : ": ");
                writeJson(sb, e.getValue(), indent, level + 1);
            }
            newline(sb, indent, level);
            sb.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, level + 1);
                writeJson(sb, l.get(i), indent, level + 1);
            }
            newline(sb, indent, level);
            sb.append(']');
        } else {
            quote(sb, v.toString());
        }
    }

    private static void newline(StringBuilder sb, String indent, int level) {
        if (indent != null) {
            sb.append('\n');
            sb.append(indent.repeat(level));
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\u2028' -> sb.append("\\u2028");
                case '\u2029' -> sb.append("\\u2029");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** A float as Go's JSON encoder prints it: {@code 3} for 3.0, {@code 0.5}, {@code 1e-7}, {@code 1e+21}. */
    public static String formatFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : d < 0 ? "-Inf" : "NaN";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        // Exponent form: shortest digits, mantissa d[.ddd], exponent with sign and at least one digit.
        String digits = bd.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - bd.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        return sb.toString();
    }

    /** The string form Bloblang uses for {@code .string()}, interpolation and raw payloads. */
    public static String toText(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v instanceof Double || v instanceof Float) {
            return formatFloat(((Number) v).doubleValue());
        }
        if (v instanceof Number || v instanceof Boolean) {
            return v.toString();
        }
        return toJson(v);
    }

    /** The payload bytes for a mapping result: strings and bytes raw, everything else JSON. */
    public static byte[] toBytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        return toText(v).getBytes(StandardCharsets.UTF_8);
    }

    /** Deep equality with numbers compared by value (1 == 1.0) and bytes compared to strings by content. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if ((x instanceof Long || x instanceof Integer) && (y instanceof Long || y instanceof Integer)) {
                return x.longValue() == y.longValue();
            }
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof byte[] || b instanceof byte[]) {
            if ((a instanceof byte[] || a instanceof String) && (b instanceof byte[] || b instanceof String)) {
                return Arrays.equals(toBytes(a), toBytes(b));
            }
            return false;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!equal(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!equal(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** A deep copy of maps and lists, so that assignments never alias the input document. */
    @SuppressWarnings("unchecked")
    public static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, x) -> out.put(k, copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(copy(x));
            }
            return out;
        }
        return v;
    }
}
