package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;

/**
 * The parser's error codes and the messages InfluxDB 3 gives for them. Messages are only built when a
 * line is reported, never on the parser's optimistic pass.
 */
final class ErrorMessages {
    static final String ENDS_WITH_BACKSLASH =
            "Measurements, tag keys and values, and field keys may not end with a backslash";

    static final int INVALID_MEASUREMENT = 1;
    static final int EXPECTED_TAG_KEY = 2;
    static final int TAG_SET_MALFORMED = 3;
    static final int EXPECTED_TAG_VALUE = 4;
    static final int EXPECTED_SPACE = 5;
    static final int NO_FIELDS = 6;
    static final int INTEGER_VALUE = 7;
    static final int UNSIGNED_VALUE = 8;
    static final int TIMESTAMP_VALUE = 9;
    static final int TRAILING_CONTENT = 10;
    static final int BACKSLASH_AT_END = 11;
    static final int TOO_LARGE = 12;
    static final int DUPLICATE_FIELD = 13;
    /** Optimistic pass only: parsed, but not up to a line ending. */
    static final int NOT_AT_LINE_END = 14;

    private ErrorMessages() {
    }

    /**
     * The message InfluxDB 3 gives for a failure {@code code} at {@code at}, on a line ending at {@code
     * end}; {@code argumentStart} and {@code argumentEnd} are the failing text's range (or, for a
     * duplicate field, its index in the line).
     */
    static String message(int code, byte[] b, int at, int argumentStart, int argumentEnd, int end, String tooLarge,
                          ParsedLine line) {
        return switch (code) {
            case INVALID_MEASUREMENT -> "Invalid measurement was provided";
            case EXPECTED_TAG_KEY -> "Expected tag key, got " + describeRest(b, at, end);
            case TAG_SET_MALFORMED -> "Tag set malformed: could not find equals sign in `"
                    + truncatedText(b, argumentStart, end) + "`";
            case EXPECTED_TAG_VALUE -> "Expected tag value, got " + describeRest(b, at, end);
            case EXPECTED_SPACE -> "Expected at least one space character, got "
                    + (at >= end ? "end of input" : "`" + text(b, at, end) + "`");
            case NO_FIELDS -> "No fields were provided";
            case INTEGER_VALUE -> "Unable to parse integer value `" + text(b, argumentStart, argumentEnd) + "`";
            case UNSIGNED_VALUE -> "Unable to parse unsigned integer value `" + text(b, argumentStart, argumentEnd) + "`";
            case TIMESTAMP_VALUE -> "Unable to parse timestamp value `" + text(b, argumentStart, argumentEnd) + "`";
            case TRAILING_CONTENT -> "Could not parse entire line. Found trailing content: `" + truncatedText(b, at, end) + "`";
            case BACKSLASH_AT_END -> ENDS_WITH_BACKSLASH;
            case TOO_LARGE -> tooLarge;
            case DUPLICATE_FIELD -> "invalid line protocol - multiple instances of '"
                    + line.fieldKey(argumentStart) + "' field found";
            default -> throw new IllegalStateException("no message for error code " + code);
        };
    }

    static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** "end of input", or the rest quoted in backticks and cut to ten characters. */
    private static String describeRest(byte[] b, int from, int to) {
        return from >= to ? "end of input" : "`" + truncatedText(b, from, to) + "`";
    }

    /**
     * InfluxDB shows at most ten characters of context: longer than ten bytes becomes the first ten
     * characters followed by {@code ...}.
     */
    static String truncatedText(byte[] b, int from, int to) {
        if (to - from <= 10) {
            return text(b, from, to);
        }
        // Ten characters take at most 40 bytes.
        String s = text(b, from, Math.min(to, from + 40));
        int chars = s.codePointCount(0, s.length());
        return s.substring(0, s.offsetByCodePoints(0, Math.min(10, chars))) + "...";
    }

    static String tooLargeMessage(int maxBytes) {
        if (maxBytes % (1 << 20) == 0) {
            return "String is greater than " + (maxBytes >> 20) + "MB";
        }
        if (maxBytes % 1024 == 0) {
            return "String is greater than " + (maxBytes >> 10) + "KB";
        }
        return "String is greater than " + maxBytes + " bytes";
    }
}
