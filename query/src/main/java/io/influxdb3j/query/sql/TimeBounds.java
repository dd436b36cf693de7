package io.influxdb3j.query.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the time bounds a query puts on its one table, so Parquet files entirely outside them are
 * left out of the scan. Deliberately conservative: only a single-table {@code SELECT} (no joins,
 * set operations, CTEs or subqueries in FROM) whose top-level WHERE is a chain of AND-ed
 * conditions; only conditions of the form {@code time OP expr}, {@code expr OP time} or
 * {@code time BETWEEN a AND b}; an expression containing a SELECT is never used. The bound
 * expressions are returned as SQL text for the caller to evaluate (a bound that does not evaluate
 * to a constant timestamp is dropped). Anything else yields no bounds, i.e. no pruning.
 */
public final class TimeBounds {
    /** One bound: {@code time >= expression} when {@code lower}, else {@code time <= expression}. */
    public record Bound(boolean lower, String expression) {
    }

    /** The table the bounds apply to and the bounds themselves. */
    public record Result(String table, List<Bound> bounds) {
    }

    private static final Set<String> CLAUSE_ENDS = Set.of("group", "order", "limit", "having", "window", "qualify", "offset");
    private static final Set<String> REJECT = Set.of("with", "union", "intersect", "except", "join", "using", "natural");

    private TimeBounds() {
    }

    public static Optional<Result> of(String sql) {
        List<SqlToken> tokens = new ArrayList<>();
        for (SqlToken t : SqlLexer.tokenize(sql)) {
            if (!t.isTrivia()) {
                tokens.add(t);
            }
        }
        if (tokens.isEmpty() || !tokens.get(0).isWord("select")) {
            return Optional.empty();
        }
        int depth = 0;
        int from = -1;
        int where = -1;
        for (int i = 0; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (t.kind() == SqlToken.Kind.WORD && REJECT.contains(t.text().toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            } else if (depth == 0 && t.isWord("from")) {
                if (from >= 0) {
                    return Optional.empty();
                }
                from = i;
            } else if (depth == 0 && t.isWord("where")) {
                if (where >= 0) {
                    return Optional.empty();
                }
                where = i;
            }
        }
        if (from < 0 || where < 0 || where < from) {
            return Optional.empty();
        }
        // FROM must name exactly one table (optionally aliased).
        List<SqlToken> fromPart = tokens.subList(from + 1, where);
        if (fromPart.isEmpty() || fromPart.size() > 3) {
            return Optional.empty();
        }
        SqlToken tableToken = fromPart.get(0);
        String table;
        if (tableToken.is(SqlToken.Kind.WORD)) {
            table = tableToken.text();
        } else if (tableToken.is(SqlToken.Kind.QUOTED_IDENTIFIER)) {
            table = unquote(tableToken.text());
        } else {
            return Optional.empty();
        }
        for (SqlToken t : fromPart.subList(1, fromPart.size())) {
            if (!(t.is(SqlToken.Kind.WORD) || t.is(SqlToken.Kind.QUOTED_IDENTIFIER))) {
                return Optional.empty();
            }
        }
        String alias = fromPart.size() == 1 ? null
                : fromPart.get(fromPart.size() - 1).is(SqlToken.Kind.QUOTED_IDENTIFIER)
                ? unquote(fromPart.get(fromPart.size() - 1).text()) : fromPart.get(fromPart.size() - 1).text();
        // The WHERE clause up to the next top-level clause, split at top-level ANDs.
        int end = tokens.size();
        depth = 0;
        for (int i = where + 1; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            } else if (depth == 0 && (t.isSymbol(';') || (t.kind() == SqlToken.Kind.WORD
                    && CLAUSE_ENDS.contains(t.text().toLowerCase(Locale.ROOT))))) {
                end = i;
                break;
            } else if (depth == 0 && t.isWord("or")) {
                return Optional.empty();
            }
        }
        List<List<SqlToken>> conjuncts = new ArrayList<>();
        List<SqlToken> current = new ArrayList<>();
        boolean inBetween = false;
        depth = 0;
        for (int i = where + 1; i < end; i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
            }
            if (depth == 0 && t.isWord("between")) {
                inBetween = true;
            } else if (depth == 0 && t.isWord("and")) {
                if (inBetween) {
                    inBetween = false;
                } else {
                    conjuncts.add(current);
                    current = new ArrayList<>();
                    continue;
                }
            }
            current.add(t);
        }
        conjuncts.add(current);
        List<Bound> bounds = new ArrayList<>();
        for (List<SqlToken> c : conjuncts) {
            bounds(sql, c, alias, bounds);
        }
        return bounds.isEmpty() ? Optional.empty() : Optional.of(new Result(table, bounds));
    }

    private static void bounds(String sql, List<SqlToken> c, String alias, List<Bound> out) {
        for (SqlToken t : c) {
            if (t.isWord("select") || t.isWord("not")) {
                return;
            }
        }
        int timeLen = timeColumn(c, 0, alias);
        if (timeLen > 0) {
            int i = timeLen;
            if (i < c.size() && c.get(i).isWord("between")) {
                int and = -1;
                for (int j = i + 1; j < c.size(); j++) {
                    if (c.get(j).isWord("and")) {
                        and = j;
                        break;
                    }
                }
                if (and > i + 1 && and < c.size() - 1) {
                    out.add(new Bound(true, text(sql, c, i + 1, and)));
                    out.add(new Bound(false, text(sql, c, and + 1, c.size())));
                }
                return;
            }
            int[] op = operator(c, i);
            if (op != null && op[1] < c.size()) {
                add(op[0], text(sql, c, op[1], c.size()), out, false);
            }
            return;
        }
        // expr OP time
        for (int i = 1; i < c.size(); i++) {
            int[] op = operator(c, i);
            if (op != null) {
                int len = timeColumn(c, op[1], alias);
                if (len > 0 && op[1] + len == c.size()) {
                    add(op[0], text(sql, c, 0, i), out, true);
                }
                return;
            }
        }
    }

    /** Kinds: 1 = '>' or '>=', 2 = '<' or '<=', 3 = '='. Returns {kind, index after the operator}. */
    private static int[] operator(List<SqlToken> c, int i) {
        if (i >= c.size()) {
            return null;
        }
        SqlToken t = c.get(i);
        boolean eqNext = i + 1 < c.size() && c.get(i + 1).isSymbol('=');
        if (t.isSymbol('>')) {
            return new int[]{1, eqNext ? i + 2 : i + 1};
        }
        if (t.isSymbol('<')) {
            if (i + 1 < c.size() && c.get(i + 1).isSymbol('>')) {
                return null; // <>
            }
            return new int[]{2, eqNext ? i + 2 : i + 1};
        }
        if (t.isSymbol('=')) {
            return new int[]{3, i + 1};
        }
        return null;
    }

    private static void add(int kind, String expr, List<Bound> out, boolean flipped) {
        // Strict and non-strict comparisons give the same (inclusive) bound: pruning only drops
        // files entirely outside it, so the query's own filter still decides at the edge.
        switch (kind) {
            case 1 -> out.add(new Bound(!flipped, expr));
            case 2 -> out.add(new Bound(flipped, expr));
            default -> {
                out.add(new Bound(true, expr));
                out.add(new Bound(false, expr));
            }
        }
    }

    /** Tokens taken by a reference to the time column at {@code i} ({@code time}, {@code "time"}, {@code alias.time}), or 0. */
    private static int timeColumn(List<SqlToken> c, int i, String alias) {
        if (i >= c.size()) {
            return 0;
        }
        SqlToken t = c.get(i);
        if (isTime(t)) {
            return 1;
        }
        if (alias != null && i + 2 < c.size() && c.get(i + 1).isSymbol('.') && isTime(c.get(i + 2))) {
            String qualifier = t.is(SqlToken.Kind.QUOTED_IDENTIFIER) ? unquote(t.text()) : t.text();
            if (qualifier.equalsIgnoreCase(alias)) {
                return 3;
            }
        }
        return 0;
    }

    private static boolean isTime(SqlToken t) {
        return t.isWord("time") || (t.is(SqlToken.Kind.QUOTED_IDENTIFIER) && t.text().equals("\"time\""));
    }

    private static String text(String sql, List<SqlToken> c, int from, int to) {
        return sql.substring(c.get(from).start(), c.get(to - 1).end());
    }

    private static String unquote(String q) {
        return q.substring(1, q.length() - 1).replace("\"\"", "\"");
    }
}
