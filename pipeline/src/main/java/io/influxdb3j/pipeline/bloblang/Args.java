package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.bloblang.Node.Arg;
import java.util.List;
import java.util.Map;

/** Parameter lists of functions and methods: checked at parse time, bound (positional or named) at run time. */
final class Args {
    /** Parameters of one function or method; {@code required} leading ones must be given; varargs takes any number. */
    record Params(List<String> names, int required, boolean varargs) {
        static Params of(int required, String... names) {
            return new Params(List.of(names), required, false);
        }

        static Params any() {
            return new Params(List.of(), 0, true);
        }
    }

    private Args() {
    }

    static void check(Token at, String what, Map<String, Params> table, List<Arg> args) {
        Params p = table.get(at.text());
        if (p == null) {
            throw Parser.error(at, "unrecognised " + what + " '" + at.text() + "'");
        }
        if (p.varargs()) {
            return;
        }
        boolean named = false;
        int given = 0;
        for (Arg a : args) {
            if (a.name() != null) {
                named = true;
                if (!p.names().contains(a.name())) {
                    throw Parser.error(at, what + " '" + at.text() + "' has no parameter '" + a.name() + "'"
                            + (p.names().isEmpty() ? "" : ", expected one of " + p.names()));
                }
            } else if (named) {
                throw Parser.error(at, "cannot mix named and positional arguments in '" + at.text() + "'");
            }
            given++;
        }
        if (given > p.names().size()) {
            throw Parser.error(at, what + " '" + at.text() + "' takes at most " + p.names().size() + " arguments, got " + given);
        }
        if (!named && given < p.required()) {
            throw Parser.error(at, what + " '" + at.text() + "' needs " + p.required() + " argument"
                    + (p.required() == 1 ? "" : "s") + " " + p.names().subList(0, p.required()) + ", got " + given);
        }
        if (named) {
            for (int i = 0; i < p.required(); i++) {
                String name = p.names().get(i);
                if (args.stream().noneMatch(a -> name.equals(a.name()))) {
                    throw Parser.error(at, what + " '" + at.text() + "' needs the argument '" + name + "'");
                }
            }
        }
    }

    /** The argument nodes in parameter order (null where not given). */
    static Node[] nodes(Params p, List<Arg> args) {
        if (p.varargs()) {
            Node[] out = new Node[args.size()];
            for (int i = 0; i < args.size(); i++) {
                out[i] = args.get(i).value();
            }
            return out;
        }
        Node[] out = new Node[p.names().size()];
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            out[a.name() == null ? i : p.names().indexOf(a.name())] = a.value();
        }
        return out;
    }

    /** Evaluates every given argument; absent ones are {@link Values#NOTHING}. */
    static Object[] values(Params p, List<Arg> args, Ctx c) {
        Node[] nodes = nodes(p, args);
        Object[] out = new Object[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            out[i] = nodes[i] == null ? Values.NOTHING : Evaluator.eval(nodes[i], c);
        }
        return out;
    }

    static String string(Object v, String what) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof byte[] b) {
            return Values.toText(b);
        }
        throw new Evaluator.Failure("expected string value for " + what + ", got " + Values.typeName(v)
                + " (" + Evaluator.describe(v) + ")");
    }

    static long integer(Object v, String what) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new Evaluator.Failure("expected integer value for " + what + ", got " + Values.typeName(v)
                + " (" + Evaluator.describe(v) + ")");
    }

    static double number(Object v, String what) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new Evaluator.Failure("expected number value for " + what + ", got " + Values.typeName(v)
                + " (" + Evaluator.describe(v) + ")");
    }
}
