package io.influxdb3j.query.sql;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the query API runs: one read-only statement, as with InfluxDB 3, whose SQL endpoint plans
 * queries only. DuckDB would otherwise run anything it is given (settings, {@code COPY},
 * {@code ATTACH}, {@code CREATE}, several statements at once), on the database every query shares.
 * Checked on the text DuckDB is about to run, by its tokens (strings and comments never count).
 */
public final class StatementCheck {
    /**
     * The words DuckDB's grammar starts every other kind of statement with (schema and data
     * changes, settings, files, extensions, transactions, prepared statements). A statement
     * starting with any other word is a query ({@code SELECT}, {@code WITH}, {@code FROM t},
     * {@code PIVOT}, {@code DESCRIBE}, ...) or a syntax error DuckDB reports as such.
     */
    private static final Set<String> NOT_QUERIES = Set.of("ALTER", "ANALYZE", "ATTACH", "CALL", "CHECKPOINT", "FORCE",
            "COPY", "CREATE", "DEALLOCATE", "DELETE", "DETACH", "DROP", "EXECUTE", "EXPORT", "IMPORT", "INSERT",
            "INSTALL", "LOAD", "MERGE", "PRAGMA", "PREPARE", "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT",
            "UPDATE", "USE", "VACUUM", "SET", "RESET", "COMMENT", "TRUNCATE", "REPLACE", "UPSERT");

    private StatementCheck() {
    }

    /** Throws a user error unless {@code sql} is exactly one read-only query (a trailing {@code ;} is fine). */
    public static void requireSingleQuery(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql).stream().filter(t -> !t.isTrivia()).toList();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol(';') && i < tokens.size() - 1) {
                throw new InfluxException(ErrorCode.NOT_IMPLEMENTED,
                        "This feature is not implemented: The context currently only supports a single SQL statement");
            }
        }
        int i = 0;
        while (i < tokens.size() && tokens.get(i).isSymbol('(')) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).isWord("EXPLAIN")) {
            i++;
            if (i < tokens.size() && tokens.get(i).isWord("ANALYZE")) {
                i++;
            } else if (i + 1 < tokens.size() && tokens.get(i).isSymbol('(') && isOption(tokens.get(i + 1))) {
                i = afterParentheses(tokens, i); // EXPLAIN (FORMAT json, ANALYZE) statement
            }
            while (i < tokens.size() && tokens.get(i).isSymbol('(')) {
                i++;
            }
        }
        if (i == tokens.size()) {
            throw new InfluxException(ErrorCode.QUERY, "Error during planning: the query is empty");
        }
        String first = word(tokens.get(i));
        if (NOT_QUERIES.contains(first)) {
            throw notAQuery(first);
        }
        if (first.equals("WITH")) {
            String main = afterCommonTableExpressions(tokens, i + 1);
            if (NOT_QUERIES.contains(main)) {
                throw notAQuery(main);
            }
        }
    }

    /** A word opening EXPLAIN's option list rather than a parenthesised query. */
    private static boolean isOption(SqlToken t) {
        String w = word(t);
        return !w.isEmpty() && !Set.of("SELECT", "WITH", "VALUES", "FROM", "TABLE", "PIVOT", "UNPIVOT").contains(w);
    }

    /** The index after the parenthesis that closes the one at {@code open}. */
    private static int afterParentheses(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol('(')) {
                depth++;
            } else if (tokens.get(i).isSymbol(')') && --depth == 0) {
                return i + 1;
            }
        }
        return tokens.size();
    }

    private static String word(SqlToken t) {
        return t.is(SqlToken.Kind.WORD) ? t.text().toUpperCase(Locale.ROOT) : "";
    }

    /**
     * The statement a {@code WITH} list leads into (DuckDB also allows {@code WITH ... INSERT} and
     * the like): the word after the last common table expression's closing parenthesis. A
     * parenthesis closed at the top level is followed by {@code ,} (another expression), {@code AS}
     * (it closed a column list) or the statement. Empty when there is no such word.
     */
    private static String afterCommonTableExpressions(List<SqlToken> tokens, int from) {
        int depth = 0;
        for (int i = from; i < tokens.size(); i++) {
            SqlToken t = tokens.get(i);
            if (t.isSymbol('(')) {
                depth++;
            } else if (t.isSymbol(')')) {
                depth--;
                if (depth == 0 && i + 1 < tokens.size()) {
                    SqlToken next = tokens.get(i + 1);
                    if (next.isSymbol(',') || next.isWord("AS")) {
                        continue;
                    }
                    return word(next);
                }
            }
        }
        return "";
    }

    private static InfluxException notAQuery(String what) {
        return new InfluxException(ErrorCode.QUERY, "Error during planning: only queries can run here; "
                + what + " statements are not supported");
    }
}
