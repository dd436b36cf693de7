package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.bloblang.Node.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Executes statements and evaluates expressions against a {@link Ctx}. */
final class Evaluator {
    private Evaluator() {
    }

    /** A failure while evaluating; the statement that ran it adds the line. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    static void execute(List<Statement> statements, Ctx c) {
        for (Statement s : statements) {
            try {
                executeOne(s, c);
            } catch (Failure e) {
                throw new BloblangException("failed assignment (line " + s.line() + "): " + e.getMessage(), s.line(), 0);
            }
        }
    }

    private static void executeOne(Statement s, Ctx c) {
        switch (s) {
            case Node.AssignRoot a -> {
                Object v = eval(a.value(), c);
                if (v != Values.NOTHING) {
                    assignRoot(c, a.path(), v);
                }
            }
            case Node.AssignMeta m -> {
                Object v = eval(m.value(), c);
                if (v == Values.NOTHING) {
                    return;
                }
                if (m.key() == null) {
                    if (v == Values.DELETED) {
                        c.meta.clear();
                    } else if (v instanceof Map<?, ?> all) {
                        c.meta.clear();
                        all.forEach((k, x) -> c.meta.put(String.valueOf(k), x));
                    } else {
                        throw new Failure("setting root meta object requires object value, received: " + Values.typeName(v));
                    }
                } else if (v == Values.DELETED) {
                    c.meta.remove(m.key());
                } else {
                    c.meta.put(m.key(), v instanceof byte[] b ? Values.toText(b) : Values.copy(v));
                }
            }
            case Node.AssignVar v -> {
                Object value = eval(v.value(), c);
                if (value != Values.NOTHING) {
                    c.vars.put(v.name(), value);
                }
            }
            case Node.IfStatement i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (truth(eval(i.conditions().get(k), c), "if statement")) {
                        execute(i.branches().get(k), c);
                        return;
                    }
                }
                execute(i.otherwise(), c);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void assignRoot(Ctx c, List<String> path, Object v) {
        Object value = Values.copy(v);
        if (path.isEmpty()) {
            c.root = value;
            return;
        }
        Object root = c.root == Ctx.UNREAD_INPUT ? c.rootValue() : c.root;
        if (root == Values.NOTHING || root == null || root == Values.DELETED) {
            root = new LinkedHashMap<String, Object>();
            c.root = root;
        }
        if (!(root instanceof Map) && !(root instanceof List)) {
            throw new Failure("unable to set target path root." + String.join(".", path)
                    + " as the value of root was a non-object type (" + Values.typeName(root) + ")");
        }
        Object current = root;
        for (int i = 0; i < path.size(); i++) {
            String seg = path.get(i);
            boolean last = i == path.size() - 1;
            if (current instanceof Map<?, ?> raw) {
                Map<String, Object> m = (Map<String, Object>) raw;
                if (last) {
                    if (value == Values.DELETED) {
                        m.remove(seg);
                    } else {
                        m.put(seg, value);
                    }
                    return;
                }
                Object next = m.get(seg);
                if (!(next instanceof Map) && !(next instanceof List)) {
                    next = new LinkedHashMap<String, Object>();
                    m.put(seg, next);
                }
                current = next;
            } else if (current instanceof List<?> raw) {
                List<Object> l = (List<Object>) raw;
                int index = index(seg, l.size());
                if (index < 0) {
                    throw new Failure("unable to set index " + seg + " of an array of length " + l.size());
                }
                if (last) {
                    if (value == Values.DELETED) {
                        l.remove(index);
                    } else {
                        l.set(index, value);
                    }
                    return;
                }
                Object next = l.get(index);
                if (!(next instanceof Map) && !(next instanceof List)) {
                    next = new LinkedHashMap<String, Object>();
                    l.set(index, next);
                }
                current = next;
            }
        }
    }

    private static int index(String seg, int size) {
        try {
            int i = Integer.parseInt(seg);
            if (i < 0) {
                i += size;
            }
            return i >= 0 && i < size ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static Object eval(Node n, Ctx c) {
        return switch (n) {
            case Node.Literal l -> l.value();
            case Node.ObjectLit o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int i = 0; i < o.keys().size(); i++) {
                    Object k = eval(o.keys().get(i), c);
                    if (!(k instanceof String) && !(k instanceof byte[])) {
                        throw new Failure("object keys must be strings, got " + Values.typeName(k));
                    }
                    Object v = eval(o.values().get(i), c);
                    if (v != Values.DELETED && v != Values.NOTHING) {
                        m.put(Values.toText(k), Values.copy(v));
                    }
                }
                yield m;
            }
            case Node.ArrayLit a -> {
                List<Object> l = new ArrayList<>();
                for (Node item : a.items()) {
                    Object v = eval(item, c);
                    if (v != Values.DELETED && v != Values.NOTHING) {
                        l.add(Values.copy(v));
                    }
                }
                yield l;
            }
            case Node.ThisRef t -> c.thisValue();
            case Node.RootRef r -> {
                Object v = c.rootValue();
                yield v == Values.NOTHING ? null : v;
            }
            case Node.FieldGet f -> field(eval(f.target(), c), f.name(), f);
            case Node.MetaRef m -> m.key() == null ? new LinkedHashMap<>(c.meta) : c.meta.get(m.key());
            case Node.VarRef v -> {
                if (!c.vars.containsKey(v.name())) {
                    throw new Failure("variable '" + v.name() + "' undefined");
                }
                yield c.vars.get(v.name());
            }
            case Node.FunctionCall f -> Functions.call(f, c);
            case Node.MethodCall m -> Methods.call(m, c);
            case Node.Binary b -> binary(b, c);
            case Node.Unary u -> {
                Object v = eval(u.operand(), c);
                if (u.op().equals("!")) {
                    yield !truth(v, "'!'");
                }
                if (v instanceof Long l) {
                    yield -l;
                }
                if (v instanceof Number num) {
                    yield -num.doubleValue();
                }
                throw new Failure("expected number value, got " + Values.typeName(v) + " for '-'");
            }
            case Node.IfExpr i -> {
                for (int k = 0; k < i.conditions().size(); k++) {
                    if (truth(eval(i.conditions().get(k), c), "if expression")) {
                        yield eval(i.branches().get(k), c);
                    }
                }
                yield i.otherwise() == null ? Values.NOTHING : eval(i.otherwise(), c);
            }
        };
    }

    private static Object field(Object target, String name, Node.FieldGet f) {
        if (target == null || target == Values.NOTHING) {
            return null;
        }
        if (target instanceof Map<?, ?> m) {
            return m.get(name);
        }
        if (target instanceof List<?> l) {
            int i = index(name, l.size());
            if (i >= 0) {
                return l.get(i);
            }
            try {
                Integer.parseInt(name);
                return null;
            } catch (NumberFormatException e) {
                throw new Failure("expected object value at field '" + name + "', got array");
            }
        }
        throw new Failure("expected object value at field '" + name + "', got " + Values.typeName(target)
                + " (" + describe(target) + ")");
    }

    static boolean truth(Object v, String what) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw new Failure("expected bool value for " + what + ", got " + Values.typeName(v) + " (" + describe(v) + ")");
    }

    static String describe(Object v) {
        String s = v == null ? "null" : v instanceof String str ? Values.toJson(str) : Values.toText(v);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static Object binary(Node.Binary b, Ctx c) {
        String op = b.op();
        switch (op) {
            case "|": {
                Object left;
                try {
                    left = eval(b.left(), c);
                } catch (Failure e) {
                    left = null;
                }
                return left == null || left == Values.NOTHING ? eval(b.right(), c) : left;
            }
            case "&&":
                return truth(eval(b.left(), c), "'&&'") && truth(eval(b.right(), c), "'&&'");
            case "||":
                return truth(eval(b.left(), c), "'||'") || truth(eval(b.right(), c), "'||'");
            default:
                break;
        }
        Object l = eval(b.left(), c);
        Object r = eval(b.right(), c);
        switch (op) {
            case "==":
                return Values.equal(l, r);
            case "!=":
                return !Values.equal(l, r);
            case "<", "<=", ">", ">=": {
                int cmp;
                if (l instanceof Number x && r instanceof Number y) {
                    cmp = Double.compare(x.doubleValue(), y.doubleValue());
                } else if (l instanceof String x && r instanceof String y) {
                    cmp = x.compareTo(y);
                } else {
                    throw new Failure("cannot compare types " + Values.typeName(l) + " and " + Values.typeName(r));
                }
                return switch (op) {
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
            case "+":
                if ((l instanceof String || l instanceof byte[]) && (r instanceof String || r instanceof byte[])) {
                    return Values.toText(l) + Values.toText(r);
                }
                return arithmetic(op, l, r);
            default:
                return arithmetic(op, l, r);
        }
    }

    private static Object arithmetic(String op, Object l, Object r) {
        if (!(l instanceof Number x) || !(r instanceof Number y)) {
            String verb = switch (op) {
                case "+" -> "add";
                case "-" -> "subtract";
                case "*" -> "multiply";
                case "/" -> "divide";
                default -> "modulo";
            };
            throw new Failure("cannot " + verb + " types " + Values.typeName(l) + " (" + describe(l) + ") and "
                    + Values.typeName(r) + " (" + describe(r) + ")");
        }
        boolean ints = x instanceof Long && y instanceof Long;
        switch (op) {
            case "+":
                if (ints) {
                    try {
                        return Math.addExact(x.longValue(), y.longValue());
                    } catch (ArithmeticException e) {
                        return x.doubleValue() + y.doubleValue();
                    }
                }
                return x.doubleValue() + y.doubleValue();
            case "-":
                if (ints) {
                    try {
                        return Math.subtractExact(x.longValue(), y.longValue());
                    } catch (ArithmeticException e) {
                        return x.doubleValue() - y.doubleValue();
                    }
                }
                return x.doubleValue() - y.doubleValue();
            case "*":
                if (ints) {
                    try {
                        return Math.multiplyExact(x.longValue(), y.longValue());
                    } catch (ArithmeticException e) {
                        return x.doubleValue() * y.doubleValue();
                    }
                }
                return x.doubleValue() * y.doubleValue();
            case "/":
                if (y.doubleValue() == 0) {
                    throw new Failure("attempted to divide by zero");
                }
                return x.doubleValue() / y.doubleValue();
            default:
                if (y.longValue() == 0) {
                    throw new Failure("attempted to divide by zero");
                }
                return x.longValue() % y.longValue();
        }
    }
}
