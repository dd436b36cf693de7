package io.influxdb3j.lp;

import java.math.BigDecimal;

/**
 * Builds line protocol text: escaping rules as static methods, a small builder for one line at a time,
 * and {@link #toLineProtocol(ParsedLine)} to re-serialise a parsed line (InfluxDB 3 shows that form as
 * {@code original_line} for schema errors).
 *
 * <pre>{@code
 * String lp = new LineProtocolWriter()
 *         .measurement("cpu").tag("host", "a b")
 *         .floatField("usage", 0.5).intField("count", 3).timestamp(1700000000000000000L)
 *         .build();   // cpu,host=a\ b usage=0.5,count=3i 1700000000000000000
 * }</pre>
 *
 * <p>Escaping matches InfluxDB's writer for ordinary text: {@code ,} and space are escaped in
 * measurements, {@code ,}, {@code =} and space in tag keys, tag values and field keys, {@code "} in
 * string field values. A backslash is doubled only where leaving it bare would change the text read
 * back (before a character it would escape, or at the end), so every representable value reads back
 * exactly. Some values have no line protocol form at all (an empty tag value, a measurement starting
 * with {@code #}, a tab or newline in a name that does not follow a backslash, a name ending with a
 * backslash); the builder rejects those with {@link IllegalArgumentException}, the static escape
 * methods do not check.
 *
 * <p>A builder instance is not thread-safe; {@link #build()} returns the line and resets it for reuse.
 */
public final class LineProtocolWriter {
    private final StringBuilder text = new StringBuilder(128);
    private boolean hasMeasurement;
    private boolean hasFields;
    private boolean hasTimestamp;

    // ---- builder ----

    /** Starts a new line (anything not yet built is discarded). */
    public LineProtocolWriter measurement(String name) {
        text.setLength(0);
        hasFields = false;
        hasTimestamp = false;
        checkRepresentable("measurement", name, true);
        if (name.charAt(0) == '#') {
            throw new IllegalArgumentException(
                    "measurement '" + name + "' starts with '#': line protocol would read the line as a comment");
        }
        appendName(text, name, true);
        hasMeasurement = true;
        return this;
    }

    public LineProtocolWriter tag(String key, String value) {
        requireState(!hasFields, "tags must come before fields");
        checkRepresentable("tag key", key, false);
        checkRepresentable("tag value of '" + key + "'", value, false);
        text.append(',');
        appendName(text, key, false);
        text.append('=');
        appendName(text, value, false);
        return this;
    }

    /** A float field; line protocol has no form for NaN or infinity. */
    public LineProtocolWriter floatField(String key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("field '" + key + "' is " + value + ": line protocol floats must be finite");
        }
        startField(key).append(formatFloat(value));
        return this;
    }

    /** A signed integer field, written with the {@code i} suffix. */
    public LineProtocolWriter intField(String key, long value) {
        startField(key).append(value).append('i');
        return this;
    }

    /** An unsigned integer field, given as the bits of a uint64, written with the {@code u} suffix. */
    public LineProtocolWriter uintField(String key, long unsignedBits) {
        startField(key).append(Long.toUnsignedString(unsignedBits)).append('u');
        return this;
    }

    public LineProtocolWriter stringField(String key, String value) {
        StringBuilder sb = startField(key).append('"');
        appendStringValue(sb, value);
        sb.append('"');
        return this;
    }

    public LineProtocolWriter boolField(String key, boolean value) {
        startField(key).append(value);
        return this;
    }

    public LineProtocolWriter timestamp(long timestamp) {
        requireState(hasFields, "the timestamp comes after at least one field");
        requireState(!hasTimestamp, "the line already has a timestamp");
        text.append(' ').append(timestamp);
        hasTimestamp = true;
        return this;
    }

    /** The line built so far, without a line ending; the builder is then empty again. */
    public String build() {
        requireState(hasFields, "a line needs a measurement and at least one field");
        String line = text.toString();
        text.setLength(0);
        hasMeasurement = false;
        hasFields = false;
        hasTimestamp = false;
        return line;
    }

    private StringBuilder startField(String key) {
        requireState(hasMeasurement, "call measurement(..) first");
        requireState(!hasTimestamp, "fields must come before the timestamp");
        checkRepresentable("field key", key, false);
        text.append(hasFields ? ',' : ' ');
        appendName(text, key, false);
        hasFields = true;
        return text.append('=');
    }

    private void requireState(boolean ok, String message) {
        if (!hasMeasurement || !ok) {
            throw new IllegalStateException(hasMeasurement ? message : "call measurement(..) first");
        }
    }

    private static void checkRepresentable(String what, String s, boolean measurement) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: line protocol cannot represent an empty name or tag value");
        }
        if (s.charAt(s.length() - 1) == '\\') {
            throw new IllegalArgumentException(what + " '" + s + "' ends with a backslash, which line protocol does not allow");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // A tab or newline (or NUL in a measurement) ends the name unless it directly follows a
            // backslash, which then keeps both.
            if ((c == '\t' || c == '\n' || (measurement && c == 0)) && (i == 0 || s.charAt(i - 1) != '\\')) {
                throw new IllegalArgumentException(what + " '" + s + "' contains a tab, newline"
                        + (measurement ? " or NUL" : "") + " that line protocol cannot represent");
            }
        }
    }

    // ---- escaping ----

    /** Escapes {@code ,} and space (and backslashes where needed) for a measurement. */
    public static String escapeMeasurement(String s) {
        return escapeName(s, true);
    }

    /** Escapes {@code ,}, {@code =} and space (and backslashes where needed) for a tag key. */
    public static String escapeTagKey(String s) {
        return escapeName(s, false);
    }

    /** Same rules as {@link #escapeTagKey}. */
    public static String escapeTagValue(String s) {
        return escapeName(s, false);
    }

    /** Same rules as {@link #escapeTagKey}. */
    public static String escapeFieldKey(String s) {
        return escapeName(s, false);
    }

    /** Escapes {@code "} (and backslashes where needed) for the inside of a string field value, quotes not included. */
    public static String escapeStringFieldValue(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        appendStringValue(sb, s);
        return sb.toString();
    }

    private static String escapeName(String s, boolean measurement) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        appendName(sb, s, measurement);
        return sb.toString();
    }

    private static void appendName(StringBuilder sb, String s, boolean measurement) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                // Bare, a backslash escapes the next character if it can; at the end it is an error.
                boolean next = i + 1 == n || escapableInName(s.charAt(i + 1), measurement);
                sb.append(next ? "\\\\" : "\\");
            } else if (c == ',' || c == ' ' || (c == '=' && !measurement)) {
                sb.append('\\').append(c);
            } else {
                sb.append(c);
            }
        }
    }

    private static boolean escapableInName(char c, boolean measurement) {
        return c == ',' || c == ' ' || c == '\\' || (c == '=' && !measurement);
    }

    private static void appendStringValue(StringBuilder sb, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '"') {
                sb.append("\\\"");
            } else if (c == '\\') {
                boolean next = i + 1 == n || s.charAt(i + 1) == '"' || s.charAt(i + 1) == '\\';
                sb.append(next ? "\\\\" : "\\");
            } else {
                sb.append(c);
            }
        }
    }

    /**
     * A float as InfluxDB prints it: the shortest digits that read back to the same double, in plain
     * notation (no exponent), without a trailing {@code .0}; {@code NaN}, {@code inf}, {@code -inf} for
     * the values line protocol cannot carry.
     */
    public static String formatFloat(double v) {
        if (v == 0) {
            return Double.doubleToRawLongBits(v) < 0 ? "-0" : "0";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String s = Double.toString(v);
        if (s.indexOf('E') < 0) {
            return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        }
        return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    // ---- re-serialising ----

    /** The line protocol text of a parsed line: same measurement, tags, fields and timestamp, in order. */
    public static String toLineProtocol(ParsedLine line) {
        StringBuilder sb = new StringBuilder(128);
        appendName(sb, line.measurement(), true);
        for (int i = 0; i < line.tagCount(); i++) {
            sb.append(',');
            appendName(sb, line.tagKey(i), false);
            sb.append('=');
            appendName(sb, line.tagValue(i), false);
        }
        for (int i = 0; i < line.fieldCount(); i++) {
            sb.append(i == 0 ? ' ' : ',');
            appendName(sb, line.fieldKey(i), false);
            sb.append('=');
            switch (line.fieldKind(i)) {
                case FLOAT -> sb.append(formatFloat(line.floatValue(i)));
                case INTEGER -> sb.append(line.longValue(i)).append('i');
                case UINTEGER -> sb.append(Long.toUnsignedString(line.longValue(i))).append('u');
                case STRING -> {
                    sb.append('"');
                    appendStringValue(sb, line.stringValue(i));
                    sb.append('"');
                }
                case BOOLEAN -> sb.append(line.booleanValue(i));
            }
        }
        if (line.hasTimestamp()) {
            sb.append(' ').append(line.timestamp());
        }
        return sb.toString();
    }
}
