package io.influxdb3j.pipeline.config;

import io.influxdb3j.pipeline.PipelineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:default}} in the raw config text before it is parsed (names match
 * {@code [0-9A-Za-z_.]+}; the default applies when the variable is unset or empty). {@code ${{VAR}}} stays as the
 * literal {@code ${VAR}}; {@code ${! ... }} (per-message interpolation) is left alone. Newlines in values are
 * escaped so line numbers keep matching the file. Comment lines are not interpolated.
 */
public final class EnvInterpolation {
    private EnvInterpolation() {
    }

    /** The interpolated text; a missing variable without default fails, naming every such variable. */
    public static String apply(String text, Function<String, String> env) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> missing = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#' && isLineComment(text, i)) {
                int nl = text.indexOf('\n', i);
                int end = nl < 0 ? text.length() : nl;
                out.append(text, i, end);
                i = end;
                continue;
            }
            if (c == '$' && text.startsWith("${{", i)) {
                int close = text.indexOf("}}", i);
                if (close > 0 && isName(text, i + 3, nameEnd(text, i + 3))) {
                    out.append("${").append(text, i + 3, close).append('}');
                    i = close + 2;
                    continue;
                }
            }
            if (c == '$' && text.startsWith("${", i)) {
                int nameStart = i + 2;
                int nameEnd = nameEnd(text, nameStart);
                if (nameEnd > nameStart && nameEnd < text.length() && (text.charAt(nameEnd) == '}' || text.charAt(nameEnd) == ':')) {
                    int close = text.indexOf('}', nameEnd);
                    int nl = text.indexOf('\n', nameEnd);
                    if (close > 0 && (nl < 0 || close < nl)) {
                        String name = text.substring(nameStart, nameEnd);
                        String fallback = text.charAt(nameEnd) == ':' ? text.substring(nameEnd + 1, close) : null;
                        String value = env.apply(name);
                        if (value == null || value.isEmpty()) {
                            value = fallback;
                        }
                        if (value == null) {
                            if (!missing.contains(name)) {
                                missing.add(name);
                            }
                            value = "";
                        }
                        out.append(value.replace("\n", "\\n"));
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        if (!missing.isEmpty()) {
            throw new PipelineException("required environment variable" + (missing.size() == 1 ? " is" : "s are")
                    + " not set: " + String.join(", ", missing) + " (set " + (missing.size() == 1 ? "it" : "them")
                    + " or give a default with ${NAME:default})");
        }
        return out.toString();
    }

    private static boolean isLineComment(String text, int i) {
        int lineStart = text.lastIndexOf('\n', i - 1) + 1;
        return text.substring(lineStart, i).isBlank();
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '.') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static boolean isName(String text, int from, int to) {
        return to > from && to < text.length() && (text.charAt(to) == '}' || text.charAt(to) == ':');
    }
}
