package io.influxdb3j.pipeline.bloblang;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The expression tree of a mapping. Nodes are immutable except the per-occurrence state of {@code counter()}. */
sealed interface Node {
    /** A position for error messages. */
    int line();

    record Literal(Object value, int line) implements Node {
    }

    record ObjectLit(List<Node> keys, List<Node> values, int line) implements Node {
    }

    record ArrayLit(List<Node> items, int line) implements Node {
    }

    record ThisRef(int line) implements Node {
    }

    record RootRef(int line) implements Node {
    }

    /** {@code target.name}; {@code name} may be an array index. */
    record FieldGet(Node target, String name, int line) implements Node {
    }

    /** {@code @key}, or {@code @} for all metadata of the message being built. */
    record MetaRef(String key, int line) implements Node {
    }

    record VarRef(String name, int line) implements Node {
    }

    record Arg(String name, Node value) {
    }

    /** A function call; {@code state} is the per-occurrence counter of {@code counter()}. */
    record FunctionCall(String name, List<Arg> args, AtomicLong state, int line) implements Node {
    }

    record MethodCall(Node target, String name, List<Arg> args, int line) implements Node {
    }

    record Binary(String op, Node left, Node right, int line) implements Node {
    }

    record Unary(String op, Node operand, int line) implements Node {
    }

    /** {@code if c { a } else { b }}; a missing else yields nothing (the assignment is skipped). */
    record IfExpr(List<Node> conditions, List<Node> branches, Node otherwise, int line) implements Node {
    }

    /** A statement of a mapping. */
    sealed interface Statement {
        int line();
    }

    /** {@code root.a.b = value} (path empty for {@code root = value}). */
    record AssignRoot(List<String> path, Node value, int line) implements Statement {
    }

    /** {@code meta key = value} or {@code @key = value}; key null assigns all metadata. */
    record AssignMeta(String key, Node value, int line) implements Statement {
    }

    record AssignVar(String name, Node value, int line) implements Statement {
    }

    record IfStatement(List<Node> conditions, List<List<Statement>> branches, List<Statement> otherwise, int line)
            implements Statement {
    }
}
