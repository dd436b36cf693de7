package io.influxdb3j.pipeline.bloblang;

import io.influxdb3j.pipeline.bloblang.Node.Arg;
import io.influxdb3j.pipeline.bloblang.Node.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recursive-descent parser for the Bloblang subset: assignments to {@code root}, {@code root.a.b},
 * {@code meta k}, {@code @k}, {@code let x}; {@code if} statements and expressions; literals (strings,
 * triple-quoted strings, numbers, bools, null, objects, arrays); {@code this}/{@code root} paths, bare paths
 * ({@code foo.bar} means {@code this.foo.bar}), {@code @k}, {@code $var}; function and method calls with
 * positional or named arguments; operators {@code ! - * / % + - == != < <= > >= && || |}. Anything else is
 * a parse error naming the line and column.
 */
final class Parser {
    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static List<Statement> parseMapping(String text) {
        Parser p = new Parser(Lexer.tokenize(text));
        List<Statement> statements = p.statements(false);
        p.expect(Token.Kind.EOF);
        return statements;
    }

    static Node parseExpression(String text) {
        Parser p = new Parser(Lexer.tokenize(text));
        p.skipNewlines();
        Node n = p.expression();
        p.skipNewlines();
        p.expect(Token.Kind.EOF);
        return n;
    }

    private List<Statement> statements(boolean inBlock) {
        List<Statement> out = new ArrayList<>();
        skipNewlines();
        boolean bareExpression = false;
        while (!(peek().kind() == Token.Kind.EOF || inBlock && peek().is("}"))) {
            Token start = peek();
            if (isAssignmentStart()) {
                out.add(assignment());
            } else if (start.isIdent("if") && !inBlock && looksLikeIfStatement()) {
                out.add(ifStatement());
            } else if (start.isIdent("if") && inBlock) {
                out.add(ifStatement());
            } else if (start.isIdent("import") || start.isIdent("map") || start.isIdent("from")) {
                throw error(start, "'" + start.text() + "' statements are not supported");
            } else {
                // A mapping that is a single expression means "root = <expression>".
                Node value = expression();
                out.add(new Node.AssignRoot(List.of(), value, start.line()));
                bareExpression = true;
            }
            if (!(peek().kind() == Token.Kind.EOF || inBlock && peek().is("}"))) {
                if (peek().kind() != Token.Kind.NEWLINE) {
                    throw error(peek(), "expected end of line, got " + peek().describe());
                }
            }
            skipNewlines();
        }
        if (bareExpression && (out.size() > 1 || inBlock)) {
            Statement first = out.stream().filter(s -> s instanceof Node.AssignRoot a && a.path().isEmpty()).findFirst().orElseThrow();
            throw new BloblangException("expected an assignment (e.g. root = ...), got a bare expression", first.line(), 1);
        }
        return out;
    }

    /** An {@code if} at statement level is a statement when its branches hold assignments. */
    private boolean looksLikeIfStatement() {
        int depth = 0;
        for (int i = pos + 1; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.is("{") && depth == 0) {
                int save = pos;
                pos = i + 1;
                skipNewlines();
                boolean assignment = isAssignmentStart() || peek().isIdent("if");
                pos = save;
                return assignment;
            }
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
            } else if (t.kind() == Token.Kind.EOF) {
                return false;
            }
        }
        return false;
    }

    private boolean isAssignmentStart() {
        Token t = peek();
        if (t.isIdent("let")) {
            return true;
        }
        if (t.isIdent("meta") && !peekAt(1).is("(")) {
            return true;
        }
        int i = pos;
        if (t.is("@")) {
            i++;
            Token k = tokens.get(i);
            if (k.kind() == Token.Kind.IDENT || k.kind() == Token.Kind.STRING) {
                i++;
            }
            return tokens.get(i).is("=");
        }
        if (t.kind() != Token.Kind.IDENT || t.isIdent("this") || t.isIdent("if") || t.isIdent("match")) {
            return false;
        }
        i++;
        while (tokens.get(i).is(".")) {
            Token seg = tokens.get(i + 1);
            if (seg.kind() != Token.Kind.IDENT && seg.kind() != Token.Kind.STRING && seg.kind() != Token.Kind.INT) {
                return false;
            }
            i += 2;
        }
        return tokens.get(i).is("=");
    }

    private Statement assignment() {
        Token start = next();
        if (start.isIdent("let")) {
            Token name = next();
            if (name.kind() != Token.Kind.IDENT && name.kind() != Token.Kind.STRING) {
                throw error(name, "expected a variable name after 'let'");
            }
            expectPunct("=");
            return new Node.AssignVar(name.text(), expression(), start.line());
        }
        if (start.isIdent("meta") || start.is("@")) {
            String key = null;
            if (peek().kind() == Token.Kind.IDENT || peek().kind() == Token.Kind.STRING) {
                key = next().text();
            }
            expectPunct("=");
            return new Node.AssignMeta(key, expression(), start.line());
        }
        List<String> path = new ArrayList<>();
        if (!start.isIdent("root")) {
            path.add(start.text());
        }
        while (peek().is(".")) {
            next();
            path.add(next().text());
        }
        expectPunct("=");
        return new Node.AssignRoot(List.copyOf(path), expression(), start.line());
    }

    private Statement ifStatement() {
        Token start = next();
        List<Node> conditions = new ArrayList<>();
        List<List<Statement>> branches = new ArrayList<>();
        List<Statement> otherwise = List.of();
        conditions.add(expression());
        branches.add(block());
        while (peek().isIdent("else")) {
            next();
            if (peek().isIdent("if")) {
                next();
                conditions.add(expression());
                branches.add(block());
            } else {
                otherwise = block();
                break;
            }
        }
        return new Node.IfStatement(conditions, branches, otherwise, start.line());
    }

    private List<Statement> block() {
        expectPunct("{");
        List<Statement> body = statements(true);
        expectPunct("}");
        return body;
    }

    Node expression() {
        return coalesce();
    }

    private Node coalesce() {
        Node left = or();
        while (peek().is("|")) {
            Token op = next();
            left = new Node.Binary("|", left, or(), op.line());
        }
        return left;
    }

    private Node or() {
        Node left = and();
        while (peek().is("||")) {
            Token op = next();
            left = new Node.Binary("||", left, and(), op.line());
        }
        return left;
    }

    private Node and() {
        Node left = comparison();
        while (peek().is("&&")) {
            Token op = next();
            left = new Node.Binary("&&", left, comparison(), op.line());
        }
        return left;
    }

    private Node comparison() {
        Node left = additive();
        while (peek().is("==") || peek().is("!=") || peek().is("<") || peek().is("<=") || peek().is(">") || peek().is(">=")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, additive(), op.line());
        }
        return left;
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, multiplicative(), op.line());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = next();
            left = new Node.Binary(op.text(), left, unary(), op.line());
        }
        return left;
    }

    private Node unary() {
        if (peek().is("!") || peek().is("-")) {
            Token op = next();
            Node operand = unary();
            if (op.is("-") && operand instanceof Node.Literal lit && lit.value() instanceof Number n) {
                return new Node.Literal(n instanceof Long l ? (Object) (-l) : (Object) (-n.doubleValue()), op.line());
            }
            return new Node.Unary(op.text(), operand, op.line());
        }
        return postfix(primary());
    }

    private Node postfix(Node node) {
        while (peek().is(".")) {
            next();
            Token name = next();
            if (name.kind() == Token.Kind.IDENT && peek().is("(")) {
                List<Arg> args = arguments();
                Methods.check(name, args);
                node = new Node.MethodCall(node, name.text(), args, name.line());
            } else if (name.kind() == Token.Kind.IDENT || name.kind() == Token.Kind.STRING || name.kind() == Token.Kind.INT) {
                node = new Node.FieldGet(node, name.text(), name.line());
            } else if (name.is("(")) {
                throw error(name, "context captures '.(...)' are not supported");
            } else {
                throw error(name, "expected a field or method name after '.', got " + name.describe());
            }
        }
        return node;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case STRING:
                return new Node.Literal(t.text(), t.line());
            case INT:
                try {
                    return new Node.Literal(Long.parseLong(t.text()), t.line());
                } catch (NumberFormatException e) {
                    return new Node.Literal(Double.parseDouble(t.text()), t.line());
                }
            case FLOAT:
                return new Node.Literal(Double.parseDouble(t.text()), t.line());
            case IDENT:
                return identifier(t);
            case PUNCT:
                return punctuation(t);
            default:
                throw error(t, "expected a value, got " + t.describe());
        }
    }

    private Node identifier(Token t) {
        switch (t.text()) {
            case "true":
                return new Node.Literal(Boolean.TRUE, t.line());
            case "false":
                return new Node.Literal(Boolean.FALSE, t.line());
            case "null":
                return new Node.Literal(null, t.line());
            case "this":
                return new Node.ThisRef(t.line());
            case "root":
                return new Node.RootRef(t.line());
            case "if":
                return ifExpression(t);
            case "match":
                throw error(t, "'match' expressions are not supported");
            default:
                break;
        }
        if (peek().is("(")) {
            List<Arg> args = arguments();
            Functions.check(t, args);
            return new Node.FunctionCall(t.text(), args, new AtomicLong(Long.MIN_VALUE), t.line());
        }
        if (peek().is("->")) {
            throw error(peek(), "lambda expressions ('->') are not supported");
        }
        return new Node.FieldGet(new Node.ThisRef(t.line()), t.text(), t.line());
    }

    private Node ifExpression(Token start) {
        List<Node> conditions = new ArrayList<>();
        List<Node> branches = new ArrayList<>();
        Node otherwise = null;
        conditions.add(expression());
        branches.add(braced());
        while (peek().isIdent("else")) {
            next();
            if (peek().isIdent("if")) {
                next();
                conditions.add(expression());
                branches.add(braced());
            } else {
                otherwise = braced();
                break;
            }
        }
        return new Node.IfExpr(conditions, branches, otherwise, start.line());
    }

    private Node braced() {
        expectPunct("{");
        skipNewlines();
        Node n = expression();
        skipNewlines();
        expectPunct("}");
        return n;
    }

    private Node punctuation(Token t) {
        switch (t.text()) {
            case "(": {
                Node inner = expression();
                expectPunct(")");
                return inner;
            }
            case "{": {
                List<Node> keys = new ArrayList<>();
                List<Node> values = new ArrayList<>();
                skipNewlines();
                while (!peek().is("}")) {
                    Token k = peek();
                    Node key;
                    if (k.kind() == Token.Kind.STRING) {
                        next();
                        key = new Node.Literal(k.text(), k.line());
                    } else {
                        key = expression();
                    }
                    expectPunct(":");
                    keys.add(key);
                    values.add(expression());
                    skipNewlines();
                    if (!peek().is(",")) {
                        break;
                    }
                    next();
                    skipNewlines();
                }
                expectPunct("}");
                return new Node.ObjectLit(keys, values, t.line());
            }
            case "[": {
                List<Node> items = new ArrayList<>();
                skipNewlines();
                while (!peek().is("]")) {
                    items.add(expression());
                    skipNewlines();
                    if (!peek().is(",")) {
                        break;
                    }
                    next();
                    skipNewlines();
                }
                expectPunct("]");
                return new Node.ArrayLit(items, t.line());
            }
            case "@": {
                Token k = peek();
                if ((k.kind() == Token.Kind.IDENT || k.kind() == Token.Kind.STRING) && k.line() == t.line()
                        && k.column() == t.column() + 1) {
                    next();
                    return new Node.MetaRef(k.text(), t.line());
                }
                return new Node.MetaRef(null, t.line());
            }
            case "$": {
                Token name = next();
                if (name.kind() != Token.Kind.IDENT) {
                    throw error(name, "expected a variable name after '$'");
                }
                return new Node.VarRef(name.text(), t.line());
            }
            default:
                throw error(t, "expected a value, got " + t.describe());
        }
    }

    private List<Arg> arguments() {
        expectPunct("(");
        List<Arg> args = new ArrayList<>();
        skipNewlines();
        while (!peek().is(")")) {
            String name = null;
            if (peek().kind() == Token.Kind.IDENT && peekAt(1).is(":")) {
                name = next().text();
                next();
            }
            args.add(new Arg(name, expression()));
            skipNewlines();
            if (!peek().is(",")) {
                break;
            }
            next();
            skipNewlines();
        }
        expectPunct(")");
        return args;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int offset) {
        return tokens.get(Math.min(pos + offset, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private void skipNewlines() {
        while (peek().kind() == Token.Kind.NEWLINE) {
            pos++;
        }
    }

    private void expect(Token.Kind kind) {
        if (peek().kind() != kind) {
            throw error(peek(), "unexpected " + peek().describe());
        }
    }

    private void expectPunct(String punct) {
        Token t = next();
        if (!t.is(punct)) {
            throw error(t, "expected '" + punct + "', got " + t.describe());
        }
    }

    static BloblangException error(Token t, String message) {
        return new BloblangException(message, t.line(), t.column());
    }
}
