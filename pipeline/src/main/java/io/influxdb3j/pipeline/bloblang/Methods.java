package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.bloblang.Args.Params;
import io.influxdb3j.pipeline.bloblang.Node.Arg;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The Bloblang methods of the subset ({@code .uppercase()}, {@code .reverse()}, {@code .format()}...). */
final class Methods {
    static final Map<String, Params> PARAMS = Map.ofEntries(
            Map.entry("string", Params.of(0)),
            Map.entry("number", Params.of(0, "default")),
            Map.entry("int64", Params.of(0)),
            Map.entry("float64", Params.of(0)),
            Map.entry("bool", Params.of(0, "default")),
            Map.entry("bytes", Params.of(0)),
            Map.entry("not_null", Params.of(0)),
            Map.entry("type", Params.of(0)),
            Map.entry("uppercase", Params.of(0)),
            Map.entry("lowercase", Params.of(0)),
            Map.entry("capitalize", Params.of(0)),
            Map.entry("trim", Params.of(0, "cutset")),
            Map.entry("trim_prefix", Params.of(1, "prefix")),
            Map.entry("trim_suffix", Params.of(1, "suffix")),
            Map.entry("length", Params.of(0)),
            Map.entry("reverse", Params.of(0)),
            Map.entry("contains", Params.of(1, "value")),
            Map.entry("has_prefix", Params.of(1, "value")),
            Map.entry("has_suffix", Params.of(1, "value")),
            Map.entry("replace_all", Params.of(2, "old", "new")),
            Map.entry("replace", Params.of(2, "old", "new")),
            Map.entry("split", Params.of(1, "delimiter")),
            Map.entry("join", Params.of(0, "delimiter")),
            Map.entry("format", Params.any()),
            Map.entry("slice", Params.of(1, "low", "high")),
            Map.entry("index", Params.of(1, "index")),
            Map.entry("keys", Params.of(0)),
            Map.entry("values", Params.of(0)),
            Map.entry("sum", Params.of(0)),
            Map.entry("from_json", Params.of(0)),
            Map.entry("parse_json", Params.of(0)),
            Map.entry("format_json", Params.of(0, "indent", "no_indent")),
            Map.entry("encode", Params.of(1, "scheme")),
            Map.entry("decode", Params.of(1, "scheme")),
            Map.entry("hash", Params.of(1, "algorithm")),
            Map.entry("abs", Params.of(0)),
            Map.entry("round", Params.of(0)),
            Map.entry("floor", Params.of(0)),
            Map.entry("ceil", Params.of(0)),
            Map.entry("catch", Params.of(1, "fallback")),
            Map.entry("or", Params.of(1, "fallback")),
            Map.entry("append", Params.any()),
            Map.entry("merge", Params.of(1, "with")),
            Map.entry("sort", Params.of(0)),
            Map.entry("unique", Params.of(0)),
            Map.entry("first", Params.of(0)),
            Map.entry("last", Params.of(0)));

    private Methods() {
    }

    static void check(Token name, List<Arg> args) {
        Args.check(name, "method", PARAMS, args);
    }

    static Object call(Node.MethodCall m, Ctx c) {
        Params p = PARAMS.get(m.name());
        // catch and or see the failure or null of their target; everything else needs a value.
        if (m.name().equals("catch")) {
            try {
                return Evaluator.eval(m.target(), c);
            } catch (Evaluator.Failure e) {
                return Evaluator.eval(Args.nodes(p, m.args())[0], c);
            }
        }
        if (m.name().equals("or")) {
            Object v;
            try {
                v = Evaluator.eval(m.target(), c);
            } catch (Evaluator.Failure e) {
                v = null;
            }
            return v == null || v == Values.NOTHING ? Evaluator.eval(Args.nodes(p, m.args())[0], c) : v;
        }
        Object t = Evaluator.eval(m.target(), c);
        Object[] a = Args.values(p, m.args(), c);
        try {
            return apply(m.name(), t, a);
        } catch (Evaluator.Failure e) {
            throw new Evaluator.Failure(m.name() + "(): " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Object apply(String name, Object t, Object[] a) {
        switch (name) {
            case "string":
                return Values.toText(t);
            case "number": {
                try {
                    if (t instanceof Number n) {
                        return n instanceof Long ? n : n.doubleValue();
                    }
                    String s = Args.string(t, "number").trim();
                    try {
                        return Long.parseLong(s);
                    } catch (NumberFormatException e) {
                        return Double.parseDouble(s);
                    }
                } catch (RuntimeException e) {
                    if (a[0] != Values.NOTHING) {
                        return a[0];
                    }
                    throw e instanceof Evaluator.Failure f ? f : new Evaluator.Failure("cannot parse " + Evaluator.describe(t) + " as a number");
                }
            }
            case "int64": {
                if (t instanceof Number n) {
                    return n.longValue();
                }
                String s = Args.string(t, "int64").trim();
                try {
                    return Long.parseLong(s);
                } catch (NumberFormatException e) {
                    throw new Evaluator.Failure("cannot parse " + Evaluator.describe(t) + " as an integer");
                }
            }
            case "float64": {
                if (t instanceof Number n) {
                    return n.doubleValue();
                }
                try {
                    return Double.parseDouble(Args.string(t, "float64").trim());
                } catch (NumberFormatException e) {
                    throw new Evaluator.Failure("cannot parse " + Evaluator.describe(t) + " as a number");
                }
            }
            case "bool": {
                if (t instanceof Boolean b) {
                    return b;
                }
                if (t instanceof Number n) {
                    return n.doubleValue() != 0;
                }
                if (t instanceof String s && (s.equals("true") || s.equals("false"))) {
                    return Boolean.parseBoolean(s);
                }
                if (a[0] != Values.NOTHING) {
                    return a[0];
                }
                throw new Evaluator.Failure("cannot convert " + Evaluator.describe(t) + " to a bool");
            }
            case "bytes":
                return Values.toBytes(t);
            case "not_null":
                if (t == null) {
                    throw new Evaluator.Failure("value is null");
                }
                return t;
            case "type":
                return Values.typeName(t);
            case "uppercase":
                return Args.string(t, "uppercase").toUpperCase(Locale.ROOT);
            case "lowercase":
                return Args.string(t, "lowercase").toLowerCase(Locale.ROOT);
            case "capitalize": {
                String s = Args.string(t, "capitalize");
                StringBuilder sb = new StringBuilder(s.length());
                boolean start = true;
                for (char ch : s.toCharArray()) {
                    sb.append(start ? Character.toTitleCase(ch) : ch);
                    start = Character.isWhitespace(ch);
                }
                return sb.toString();
            }
            case "trim": {
                String s = Args.string(t, "trim");
                if (a[0] == Values.NOTHING) {
                    return s.strip();
                }
                String cut = Args.string(a[0], "cutset");
                int b = 0;
                int e = s.length();
                while (b < e && cut.indexOf(s.charAt(b)) >= 0) {
                    b++;
                }
                while (e > b && cut.indexOf(s.charAt(e - 1)) >= 0) {
                    e--;
                }
                return s.substring(b, e);
            }
            case "trim_prefix": {
                String s = Args.string(t, "trim_prefix");
                String prefix = Args.string(a[0], "prefix");
                return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
            }
            case "trim_suffix": {
                String s = Args.string(t, "trim_suffix");
                String suffix = Args.string(a[0], "suffix");
                return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
            }
            case "length":
                if (t instanceof String s) {
                    return (long) s.getBytes(StandardCharsets.UTF_8).length;
                }
                if (t instanceof byte[] b) {
                    return (long) b.length;
                }
                if (t instanceof List<?> l) {
                    return (long) l.size();
                }
                if (t instanceof Map<?, ?> mp) {
                    return (long) mp.size();
                }
                throw new Evaluator.Failure("expected string, array or object value, got " + Values.typeName(t));
            case "reverse":
                if (t instanceof List<?> l) {
                    List<Object> r = new ArrayList<>(l);
                    java.util.Collections.reverse(r);
                    return r;
                }
                if (t instanceof byte[] b) {
                    byte[] r = new byte[b.length];
                    for (int i = 0; i < b.length; i++) {
                        r[i] = b[b.length - 1 - i];
                    }
                    return r;
                }
                return new StringBuilder(Args.string(t, "reverse")).reverse().toString();
            case "contains":
                if (t instanceof List<?> l) {
                    for (Object o : l) {
                        if (Values.equal(o, a[0])) {
                            return true;
                        }
                    }
                    return false;
                }
                return Args.string(t, "contains").contains(Args.string(a[0], "value"));
            case "has_prefix":
                return Args.string(t, "has_prefix").startsWith(Args.string(a[0], "value"));
            case "has_suffix":
                return Args.string(t, "has_suffix").endsWith(Args.string(a[0], "value"));
            case "replace_all", "replace":
                return Args.string(t, name).replace(Args.string(a[0], "old"), Args.string(a[1], "new"));
            case "split": {
                String s = Args.string(t, "split");
                String d = Args.string(a[0], "delimiter");
                List<Object> out = new ArrayList<>();
                if (d.isEmpty()) {
                    s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
                    return out;
                }
                int from = 0;
                int at;
                while ((at = s.indexOf(d, from)) >= 0) {
                    out.add(s.substring(from, at));
                    from = at + d.length();
                }
                out.add(s.substring(from));
                return out;
            }
            case "join": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                String d = a[0] == Values.NOTHING ? "" : Args.string(a[0], "delimiter");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(d);
                    }
                    sb.append(Args.string(l.get(i), "join element"));
                }
                return sb.toString();
            }
            case "format":
                return GoFormat.format(Args.string(t, "format"), a);
            case "slice": {
                long low = Args.integer(a[0], "low");
                if (t instanceof List<?> l) {
                    int[] r = range(low, a[1], l.size());
                    return new ArrayList<>(l.subList(r[0], r[1]));
                }
                String s = Args.string(t, "slice");
                int[] r = range(low, a[1], s.length());
                return s.substring(r[0], r[1]);
            }
            case "index": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                long i = Args.integer(a[0], "index");
                if (i < 0) {
                    i += l.size();
                }
                if (i < 0 || i >= l.size()) {
                    throw new Evaluator.Failure("index " + a[0] + " is out of bounds for an array of length " + l.size());
                }
                return l.get((int) i);
            }
            case "keys": {
                Map<String, Object> mp = object(t);
                List<Object> keys = new ArrayList<>(new java.util.TreeSet<>(mp.keySet()));
                return keys;
            }
            case "values": {
                Map<String, Object> mp = object(t);
                List<Object> out = new ArrayList<>();
                new java.util.TreeMap<>(mp).forEach((k, v) -> out.add(v));
                return out;
            }
            case "sum": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                boolean ints = true;
                long li = 0;
                double d = 0;
                for (Object o : l) {
                    double x = Args.number(o, "sum element");
                    ints &= o instanceof Long;
                    if (o instanceof Long v) {
                        li += v;
                    }
                    d += x;
                }
                return ints ? (Object) li : (Object) d;
            }
            case "from_json", "parse_json":
                try {
                    return Values.parseJson(Values.toBytes(t));
                } catch (IllegalArgumentException e) {
                    throw new Evaluator.Failure("failed to parse value as JSON: " + e.getMessage());
                }
            case "format_json": {
                boolean noIndent = a[1] != Values.NOTHING && Boolean.TRUE.equals(a[1]);
                String indent = a[0] == Values.NOTHING ? "    " : Args.string(a[0], "indent");
                return Values.toJson(t, noIndent ? null : indent);
            }
            case "encode": {
                byte[] b = Values.toBytes(t);
                return switch (Args.string(a[0], "scheme")) {
                    case "base64" -> Base64.getEncoder().encodeToString(b);
                    case "base64url" -> Base64.getUrlEncoder().encodeToString(b);
                    case "base64rawurl" -> Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                    case "hex" -> HexFormat.of().formatHex(b);
                    default -> throw new Evaluator.Failure("unrecognised encoding scheme " + Evaluator.describe(a[0])
                            + ", expected base64, base64url, base64rawurl or hex");
                };
            }
            case "decode": {
                String s = Values.toText(t);
                try {
                    return switch (Args.string(a[0], "scheme")) {
                        case "base64" -> Base64.getDecoder().decode(s);
                        case "base64url" -> Base64.getUrlDecoder().decode(s);
                        case "base64rawurl" -> Base64.getUrlDecoder().decode(s);
                        case "hex" -> HexFormat.of().parseHex(s);
                        default -> throw new Evaluator.Failure("unrecognised encoding scheme " + Evaluator.describe(a[0])
                                + ", expected base64, base64url, base64rawurl or hex");
                    };
                } catch (IllegalArgumentException e) {
                    throw new Evaluator.Failure("failed to decode: " + e.getMessage());
                }
            }
            case "hash": {
                String algorithm = switch (Args.string(a[0], "algorithm")) {
                    case "md5" -> "MD5";
                    case "sha1" -> "SHA-1";
                    case "sha256" -> "SHA-256";
                    case "sha512" -> "SHA-512";
                    default -> throw new Evaluator.Failure("unrecognised hash algorithm " + Evaluator.describe(a[0])
                            + ", expected md5, sha1, sha256 or sha512");
                };
                try {
                    return MessageDigest.getInstance(algorithm).digest(Values.toBytes(t));
                } catch (NoSuchAlgorithmException e) {
                    throw new Evaluator.Failure(e.getMessage());
                }
            }
            case "abs":
                return t instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(Args.number(t, "abs"));
            case "round":
                return t instanceof Long ? t : (Object) Math.round(Args.number(t, "round"));
            case "floor":
                return t instanceof Long ? t : (Object) (long) Math.floor(Args.number(t, "floor"));
            case "ceil":
                return t instanceof Long ? t : (Object) (long) Math.ceil(Args.number(t, "ceil"));
            case "append": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                List<Object> out = new ArrayList<>(l);
                for (Object o : a) {
                    out.add(Values.copy(o));
                }
                return out;
            }
            case "merge": {
                if (t instanceof List<?> l) {
                    List<Object> out = new ArrayList<>(l);
                    if (a[0] instanceof List<?> other) {
                        out.addAll(other);
                    } else {
                        out.add(a[0]);
                    }
                    return out;
                }
                Map<String, Object> out = (Map<String, Object>) Values.copy(object(t));
                merge(out, object(a[0]));
                return out;
            }
            case "sort": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                List<Object> out = new ArrayList<>(l);
                out.sort((x, y) -> {
                    if (x instanceof Number nx && y instanceof Number ny) {
                        return Double.compare(nx.doubleValue(), ny.doubleValue());
                    }
                    if (x instanceof String sx && y instanceof String sy) {
                        return sx.compareTo(sy);
                    }
                    throw new Evaluator.Failure("cannot sort values of types " + Values.typeName(x) + " and " + Values.typeName(y));
                });
                return out;
            }
            case "unique": {
                if (!(t instanceof List<?> l)) {
                    throw new Evaluator.Failure("expected array value, got " + Values.typeName(t));
                }
                List<Object> out = new ArrayList<>();
                LinkedHashSet<String> seen = new LinkedHashSet<>();
                for (Object o : l) {
                    if (seen.add(Values.typeName(o) + ":" + Values.toJson(o))) {
                        out.add(o);
                    }
                }
                return out;
            }
            case "first", "last": {
                if (!(t instanceof List<?> l) || l.isEmpty()) {
                    throw new Evaluator.Failure("expected a non-empty array, got " + Values.typeName(t));
                }
                return name.equals("first") ? l.get(0) : l.get(l.size() - 1);
            }
            default:
                throw new Evaluator.Failure("method '" + name + "' is not implemented");
        }
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object existing = into.get(e.getKey());
            if (existing instanceof Map<?, ?> em && e.getValue() instanceof Map<?, ?> fm) {
                merge((Map<String, Object>) em, (Map<String, Object>) fm);
            } else if (existing != null && into.containsKey(e.getKey())) {
                List<Object> both = new ArrayList<>();
                if (existing instanceof List<?> el) {
                    both.addAll(el);
                } else {
                    both.add(existing);
                }
                if (e.getValue() instanceof List<?> vl) {
                    both.addAll(vl);
                } else {
                    both.add(e.getValue());
                }
                into.put(e.getKey(), both);
            } else {
                into.put(e.getKey(), Values.copy(e.getValue()));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object t) {
        if (t instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new Evaluator.Failure("expected object value, got " + Values.typeName(t));
    }

    private static int[] range(long low, Object highArg, int size) {
        long high = highArg == Values.NOTHING ? size : Args.integer(highArg, "high");
        if (low < 0) {
            low += size;
        }
        if (high < 0) {
            high += size;
        }
        low = Math.max(0, Math.min(low, size));
        high = Math.max(low, Math.min(high, size));
        return new int[] {(int) low, (int) high};
    }

    /** A map preserving insertion order, used where Bloblang builds new objects. */
    static Map<String, Object> newObject() {
        return new LinkedHashMap<>();
    }
}
