package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * A config string with {@code ${! <expression> }} parts evaluated per message (the file output's {@code path},
 * the http_client's {@code url}...). {@code ${{! ... }}} is kept literally as {@code ${! ... }}.
 */
public final class InterpolatedString {
    private final List<Object> parts;
    private final String text;

    private InterpolatedString(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    /** Parses {@code text}; a {@link BloblangException} names the position (line 1 column N for one-line values). */
    public static InterpolatedString parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("${{!", i)) {
                int end = text.indexOf("}}", i);
                if (end > 0) {
                    literal.append("${").append(text, i + 3, end).append('}');
                    i = end + 2;
                    continue;
                }
            }
            if (text.startsWith("${!", i)) {
                int end = closing(text, i + 3);
                if (end < 0) {
                    throw new BloblangException("unterminated interpolation '${!': expected '}'", line(text, i), column(text, i));
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                try {
                    parts.add(Parser.parseExpression(text.substring(i + 3, end)));
                } catch (BloblangException e) {
                    int at = i + 3;
                    throw new BloblangException(e.getMessage(), line(text, at) + e.line() - 1,
                            e.line() == 1 ? column(text, at) + e.column() - 1 : e.column());
                }
                i = end + 1;
                continue;
            }
            literal.append(text.charAt(i));
            i++;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new InterpolatedString(text, List.copyOf(parts));
    }

    private static int closing(String text, int from) {
        int depth = 0;
        boolean inString = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' && depth == 0) {
                return i;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
        }
        return -1;
    }

    private static int line(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String text, int index) {
        int nl = text.lastIndexOf('\n', index - 1);
        return index - nl;
    }

    /** True when there is nothing to evaluate. */
    public boolean isStatic() {
        return parts.stream().allMatch(p -> p instanceof String);
    }

    public String text() {
        return text;
    }

    /** The string for {@code message} (which may be null when there is none). */
    public String render(Message message) {
        Message input = message == null ? new Message(new byte[0]) : message;
        StringBuilder sb = new StringBuilder();
        Ctx c = null;
        for (Object part : parts) {
            if (part instanceof String s) {
                sb.append(s);
                continue;
            }
            if (c == null) {
                c = new Ctx(input, 0, 1, false);
            }
            Object v;
            try {
                v = Evaluator.eval((Node) part, c);
            } catch (Evaluator.Failure e) {
                throw new BloblangException("interpolation of '" + text + "' failed: " + e.getMessage(), 1, 0);
            }
            if (v != Values.NOTHING && v != Values.DELETED) {
                sb.append(v == null ? "null" : Values.toText(v));
            }
        }
        return sb.toString();
    }
}
