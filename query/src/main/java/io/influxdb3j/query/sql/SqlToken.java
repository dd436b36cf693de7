package io.influxdb3j.query.sql;

/**
 * One lexical token of a SQL text: its kind and its {@code [start, end)} range in the source. Tokens
 * cover the source exactly, whitespace and comments included, so concatenating their texts gives the
 * original SQL back.
 */
record SqlToken(Kind kind, int start, int end, String text) {

    enum Kind {
        WHITESPACE,
        /** {@code -- ...} or {@code /* ... *}{@code /} (nested, as in DuckDB). */
        COMMENT,
        /** An unquoted identifier or keyword; may contain {@code $} after the first character. */
        WORD,
        /** A double-quoted identifier. */
        QUOTED_IDENTIFIER,
        /** A string literal: {@code '...'}, {@code E'...'} or {@code $tag$...$tag$}. */
        STRING,
        NUMBER,
        /** A DataFusion placeholder {@code $name} or {@code $1}. */
        PLACEHOLDER,
        /** Any other single character: operators, punctuation. */
        SYMBOL
    }

    boolean is(Kind k) {
        return kind == k;
    }

    /** True for a {@link Kind#WORD} equal to {@code word}, ignoring case. */
    boolean isWord(String word) {
        return kind == Kind.WORD && text.equalsIgnoreCase(word);
    }

    boolean isSymbol(char c) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == c;
    }

    /** Whitespace and comments, which separate tokens but mean nothing. */
    boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.COMMENT;
    }
}
