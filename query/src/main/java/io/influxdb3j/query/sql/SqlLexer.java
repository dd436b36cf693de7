package io.influxdb3j.query.sql;

import io.influxdb3j.query.sql.SqlToken.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL into {@link SqlToken}s the way DuckDB's (PostgreSQL-derived) scanner sees strings,
 * quoted identifiers and comments, which is what matters for rewriting it safely: a rewrite only
 * ever touches text this lexer classifies as code. Where DuckDB's rules are subtle the lexer leans
 * towards "this is a string" (an {@code E} right after a number opens an escape string, as it does
 * in DuckDB), because mistaking code for a string only makes a rewrite miss, while mistaking a string
 * for code could let a rewrite change the meaning of the query. Unterminated strings and comments
 * run to the end of the text; DuckDB rejects them later.
 */
final class SqlLexer {
    private final String sql;
    private int pos;

    private SqlLexer(String sql) {
        this.sql = sql;
    }

    static List<SqlToken> tokenize(String sql) {
        SqlLexer lexer = new SqlLexer(sql);
        List<SqlToken> tokens = new ArrayList<>();
        while (lexer.pos < sql.length()) {
            tokens.add(lexer.next());
        }
        return tokens;
    }

    private SqlToken next() {
        int start = pos;
        char c = sql.charAt(pos);
        Kind kind;
        if (Character.isWhitespace(c)) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            kind = Kind.WHITESPACE;
        } else if (c == '-' && peek(1) == '-') {
            int nl = sql.indexOf('\n', pos);
            pos = nl < 0 ? sql.length() : nl;
            kind = Kind.COMMENT;
        } else if (c == '/' && peek(1) == '*') {
            blockComment();
            kind = Kind.COMMENT;
        } else if (c == '\'') {
            pos++;
            quoted('\'', false);
            kind = Kind.STRING;
        } else if ((c == 'E' || c == 'e') && peek(1) == '\'') {
            pos += 2;
            quoted('\'', true);
            kind = Kind.STRING;
        } else if (c == '"') {
            pos++;
            quoted('"', false);
            kind = Kind.QUOTED_IDENTIFIER;
        } else if (c == '$') {
            kind = dollar();
        } else if (isWordStart(c)) {
            pos++;
            while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            kind = Kind.WORD;
        } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            number();
            kind = Kind.NUMBER;
        } else {
            pos++;
            kind = Kind.SYMBOL;
        }
        return new SqlToken(kind, start, pos, sql.substring(start, pos));
    }

    /** Reads up to and including the closing quote; doubled quotes (and backslashes if escaped) escape. */
    private void quoted(char quote, boolean backslashEscapes) {
        while (pos < sql.length()) {
            char c = sql.charAt(pos++);
            if (backslashEscapes && c == '\\') {
                pos = Math.min(pos + 1, sql.length());
            } else if (c == quote) {
                if (peek(0) == quote) {
                    pos++;
                } else {
                    return;
                }
            }
        }
    }

    private void blockComment() {
        int depth = 0;
        while (pos < sql.length()) {
            if (sql.startsWith("/*", pos)) {
                depth++;
                pos += 2;
            } else if (sql.startsWith("*/", pos)) {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                pos++;
            }
        }
    }

    /**
     * At a {@code $} outside any word: {@code $$...$$} and {@code $tag$...$tag$} are dollar-quoted
     * strings, {@code $name} and {@code $1} placeholders, a lone {@code $} a symbol.
     */
    private Kind dollar() {
        int end = pos + 1;
        while (end < sql.length() && isTagPart(sql.charAt(end))) {
            end++;
        }
        boolean tagged = end < sql.length() && sql.charAt(end) == '$'
                && (end == pos + 1 || !isDigit(sql.charAt(pos + 1)));
        if (tagged) {
            String delimiter = sql.substring(pos, end + 1);
            int close = sql.indexOf(delimiter, end + 1);
            pos = close < 0 ? sql.length() : close + delimiter.length();
            return Kind.STRING;
        }
        if (end == pos + 1) {
            pos++;
            return Kind.SYMBOL;
        }
        pos = end;
        return Kind.PLACEHOLDER;
    }

    /**
     * Digits with {@code _} separators, a fraction, an exponent only when digits follow it (so the
     * {@code E} of {@code 1E'x'} starts an escape string, as in DuckDB), or a {@code 0x}/{@code 0b} literal.
     */
    private void number() {
        if (sql.charAt(pos) == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'b' || peek(1) == 'B')
                && Character.digit(peek(2), 16) >= 0) {
            pos += 2;
            while (pos < sql.length() && (Character.digit(sql.charAt(pos), 16) >= 0 || sql.charAt(pos) == '_')) {
                pos++;
            }
            return;
        }
        while (pos < sql.length() && (isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_' || sql.charAt(pos) == '.')) {
            pos++;
        }
        char e = peek(0);
        if (e == 'e' || e == 'E') {
            int digits = (peek(1) == '+' || peek(1) == '-') ? 2 : 1;
            if (isDigit(peek(digits))) {
                pos += digits;
                while (pos < sql.length() && (isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
                    pos++;
                }
            }
        }
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < sql.length() ? sql.charAt(i) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
    }

    static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
