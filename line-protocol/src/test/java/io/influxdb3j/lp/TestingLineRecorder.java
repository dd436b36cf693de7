package io.influxdb3j.lp;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LineSink} that renders every callback as stable text (the golden-file format) and keeps the
 * errors, so tests can compare whole parses as strings.
 *
 * <pre>
 * line 1 ok
 *   measurement "cpu"
 *   tag "host" = "a"
 *   field "value" FLOAT 0.64
 *   timestamp 1434055562000000000
 * line 2 error at 5: Expected tag key, got end of input
 *   original "cpu,"
 * </pre>
 */
final class TestingLineRecorder implements LineSink {
    private final StringBuilder text = new StringBuilder();
    private final List<LineError> errors = new ArrayList<>();
    private final List<Reserialised> reserialised = new ArrayList<>();
    private int lines;

    static String render(LineProtocolParser parser, byte[] body) {
        TestingLineRecorder recorder = new TestingLineRecorder();
        parser.parse(body, 0, body.length, recorder);
        return recorder.text();
    }

    @Override
    public boolean onLine(ParsedLine line) {
        lines++;
        text.append("line ").append(line.lineNumber()).append(" ok\n");
        appendContent(text, line);
        if (allFloatsFinite(line)) {
            StringBuilder content = new StringBuilder();
            appendContent(content, line);
            reserialised.add(new Reserialised(LineProtocolWriter.toLineProtocol(line), content.toString()));
        }
        return true;
    }

    @Override
    public boolean onError(LineError error) {
        errors.add(error);
        text.append("line ").append(error.lineNumber()).append(" error at ").append(error.position())
                .append(": ").append(visible(error.message())).append('\n')
                .append("  original ").append(quote(error.originalLine())).append('\n');
        return true;
    }

    /** Measurement, tags, fields and timestamp, one per line, indented; no line number. */
    static void appendContent(StringBuilder sb, ParsedLine line) {
        sb.append("  measurement ").append(quote(line.measurement())).append('\n');
        for (int i = 0; i < line.tagCount(); i++) {
            sb.append("  tag ").append(quote(line.tagKey(i))).append(" = ").append(quote(line.tagValue(i))).append('\n');
        }
        for (int i = 0; i < line.fieldCount(); i++) {
            FieldKind kind = line.fieldKind(i);
            sb.append("  field ").append(quote(line.fieldKey(i))).append(' ').append(kind).append(' ');
            switch (kind) {
                case FLOAT -> sb.append(line.floatValue(i));
                case INTEGER -> sb.append(line.longValue(i));
                case UINTEGER -> sb.append(Long.toUnsignedString(line.longValue(i)));
                case STRING -> sb.append(quote(line.stringValue(i)));
                case BOOLEAN -> sb.append(line.booleanValue(i));
            }
            sb.append('\n');
        }
        sb.append("  timestamp ").append(line.hasTimestamp() ? Long.toString(line.timestamp()) : "none").append('\n');
    }

    /** Control characters as escapes, everything else (backslashes included) as is. */
    static String visible(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Double-quoted, with backslash escapes for quotes, backslashes and control characters. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    String text() {
        return text.toString();
    }

    List<LineError> errors() {
        return errors;
    }

    int lines() {
        return lines;
    }

    /**
     * Each valid line as {@link LineProtocolWriter#toLineProtocol} wrote it, with its rendered content;
     * lines with an infinite float are left out, as line protocol has no text for infinity.
     */
    List<Reserialised> reserialised() {
        return reserialised;
    }

    record Reserialised(String lineProtocol, String content) {
    }

    private static boolean allFloatsFinite(ParsedLine line) {
        for (int i = 0; i < line.fieldCount(); i++) {
            if (line.fieldKind(i) == FieldKind.FLOAT && !Double.isFinite(line.floatValue(i))) {
                return false;
            }
        }
        return true;
    }
}
