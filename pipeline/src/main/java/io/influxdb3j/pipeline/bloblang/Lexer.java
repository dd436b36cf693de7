package io.influxdb3j.pipeline.bloblang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits mapping text into tokens. Newlines separate statements except inside brackets, where they are
 * skipped; {@code #} starts a comment. Strings are {@code "..."} with JSON-style escapes, or
 * {@code """..."""} taken raw (no escapes) and possibly spanning lines.
 */
final class Lexer {
    private static final String[] PUNCT = {"==", "!=", "<=", ">=", "&&", "||", "->",
        "=", "<", ">", "+", "-", "*", "/", "%", "!", "|", ".", ",", ":", "(", ")", "{", "}", "[", "]", "@", "$"};

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokenize(String text) {
        return new Lexer(text).run();
    }

    private List<Token> run() {
        List<Token> out = new ArrayList<>();
        int depth = 0;
        while (true) {
            skipBlanks();
            if (pos >= text.length()) {
                out.add(new Token(Token.Kind.EOF, "", line, col()));
                return out;
            }
            char c = text.charAt(pos);
            int startLine = line;
            int startCol = col();
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
                continue;
            }
            if (c == '\n') {
                if (depth == 0 && (out.isEmpty() || out.get(out.size() - 1).kind() != Token.Kind.NEWLINE)) {
                    out.add(new Token(Token.Kind.NEWLINE, "\n", startLine, startCol));
                }
                pos++;
                line++;
                lineStart = pos;
                continue;
            }
            if (c == '"') {
                out.add(new Token(Token.Kind.STRING, string(startLine, startCol), startLine, startCol));
                continue;
            }
            if (Character.isDigit(c)) {
                int s = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                boolean isFloat = false;
                if (pos + 1 < text.length() && text.charAt(pos) == '.' && Character.isDigit(text.charAt(pos + 1))) {
                    isFloat = true;
                    pos++;
                    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        pos++;
                    }
                }
                if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
                    int save = pos;
                    pos++;
                    if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                        pos++;
                    }
                    if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                        isFloat = true;
                        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                            pos++;
                        }
                    } else {
                        pos = save;
                    }
                }
                out.add(new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, text.substring(s, pos), startLine, startCol));
                continue;
            }
            if (Character.isLetter(c) || c == '_') {
                int s = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                    pos++;
                }
                out.add(new Token(Token.Kind.IDENT, text.substring(s, pos), startLine, startCol));
                continue;
            }
            String punct = null;
            for (String p : PUNCT) {
                if (text.startsWith(p, pos)) {
                    punct = p;
                    break;
                }
            }
            if (punct == null) {
                throw new BloblangException("unexpected character '" + c + "'", startLine, startCol);
            }
            pos += punct.length();
            switch (punct) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                default -> { }
            }
            out.add(new Token(Token.Kind.PUNCT, punct, startLine, startCol));
        }
    }

    private int col() {
        return pos - lineStart + 1;
    }

    private void skipBlanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                lineStart = pos;
            } else {
                return;
            }
        }
    }

    private String string(int startLine, int startCol) {
        if (text.startsWith("\"\"\"", pos)) {
            int end = text.indexOf("\"\"\"", pos + 3);
            if (end < 0) {
                throw new BloblangException("unterminated triple-quoted string", startLine, startCol);
            }
            String raw = text.substring(pos + 3, end);
            for (int i = pos; i < end; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end + 3;
            return raw;
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                throw new BloblangException("unterminated string literal", startLine, startCol);
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new BloblangException("unterminated string literal", startLine, startCol);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw new BloblangException("invalid \\u escape", line, col());
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new BloblangException("invalid \\u escape", line, col());
                    }
                    pos += 4;
                }
                default -> throw new BloblangException("invalid escape sequence '\\" + e + "'", line, col() - 2);
            }
        }
    }
}
