package io.influxdb3j.pipeline.bloblang;

/** One lexical token of a mapping, with its 1-based position. */
record Token(Kind kind, String text, int line, int column) {
    enum Kind { IDENT, STRING, INT, FLOAT, PUNCT, NEWLINE, EOF }

    boolean is(String punct) {
        return kind == Kind.PUNCT && text.equals(punct);
    }

    boolean isIdent(String name) {
        return kind == Kind.IDENT && text.equals(name);
    }

    String describe() {
        return switch (kind) {
            case NEWLINE -> "end of line";
            case EOF -> "end of mapping";
            case STRING -> "string literal";
            default -> "'" + text + "'";
        };
    }
}
