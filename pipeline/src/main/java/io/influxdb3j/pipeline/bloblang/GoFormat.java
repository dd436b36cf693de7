package io.influxdb3j.pipeline.bloblang;

import java.util.Locale;

/** The verbs of Go's {@code fmt.Sprintf} that {@code .format()} mappings use: %v %s %d %f %g %q %t %x %%. */
final class GoFormat {
    private GoFormat() {
    }

    static String format(String pattern, Object[] args) {
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            int start = i;
            i++;
            StringBuilder spec = new StringBuilder();
            while (i < pattern.length() && "+-# 0123456789.".indexOf(pattern.charAt(i)) >= 0) {
                spec.append(pattern.charAt(i));
                i++;
            }
            if (i >= pattern.length()) {
                sb.append("%!(NOVERB)");
                break;
            }
            char verb = pattern.charAt(i);
            if (verb == '%') {
                sb.append('%');
                continue;
            }
            if (arg >= args.length) {
                sb.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object v = args[arg++];
            sb.append(one(verb, spec.toString(), v, pattern.substring(start, i + 1)));
        }
        if (arg < args.length) {
            sb.append("%!(EXTRA ");
            for (int k = arg; k < args.length; k++) {
                if (k > arg) {
                    sb.append(", ");
                }
                sb.append(Values.typeName(args[k])).append('=').append(Values.toText(args[k]));
            }
            sb.append(')');
        }
        return sb.toString();
    }

    private static String one(char verb, String spec, Object v, String whole) {
        switch (verb) {
            case 'v', 's':
                return pad(spec, v == null ? "<nil>" : Values.toText(v));
            case 'q':
                return Values.toJson(Values.toText(v));
            case 't':
                return String.valueOf(v);
            case 'd':
                if (v instanceof Number n) {
                    return String.format(Locale.ROOT, "%" + spec + "d", n.longValue());
                }
                return "%!d(" + Values.typeName(v) + "=" + Values.toText(v) + ")";
            case 'f', 'e', 'g':
                if (v instanceof Number n) {
                    if (verb == 'g' && spec.isEmpty()) {
                        return Values.formatFloat(n.doubleValue());
                    }
                    String s = spec.contains(".") || verb != 'f' ? spec : spec + ".6";
                    return String.format(Locale.ROOT, "%" + s + verb, n.doubleValue());
                }
                return "%!" + verb + "(" + Values.typeName(v) + "=" + Values.toText(v) + ")";
            case 'x':
                if (v instanceof Number n) {
                    return Long.toHexString(n.longValue());
                }
                return java.util.HexFormat.of().formatHex(Values.toBytes(v));
            default:
                return "%!" + verb + "(" + Values.toText(v) + ")";
        }
    }

    private static String pad(String spec, String s) {
        if (spec.isEmpty()) {
            return s;
        }
        boolean left = spec.startsWith("-");
        String digits = spec.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return s;
        }
        int width = Integer.parseInt(digits);
        if (s.length() >= width) {
            return s;
        }
        String padding = " ".repeat(width - s.length());
        return left ? s + padding : padding + s;
    }
}
