package io.influxdb3j.lp;

/**
 * Cutting a request body into lines, for the lines the parser's optimistic pass does not take
 * (comments, invalid lines, and lines with quotes or backslashes whose end it must confirm).
 */
final class LineCuts {
    private static final long NEWLINES = Bytes.broadcast('\n');
    private static final long QUOTES = Bytes.broadcast('"');
    private static final long BACKSLASHES = Bytes.broadcast('\\');

    private LineCuts() {
    }

    /**
     * The index of the {@code \n} that ends the line starting at {@code from}, or {@code end}. Lines
     * without quotes or backslashes end at the first newline, found eight bytes at a time; the others go
     * through the quote-aware scan.
     */
    static int findLineEnd(byte[] b, int from, int end) {
        int i = from;
        while (i + 8 <= end) {
            long word = Bytes.readLong(b, i);
            long hits = Bytes.matches(word, NEWLINES) | Bytes.matches(word, QUOTES) | Bytes.matches(word, BACKSLASHES);
            if (hits != 0) {
                int j = i + (Long.numberOfTrailingZeros(hits) >>> 3);
                return b[j] == '\n' ? j : findLineEndQuoteAware(b, from, end);
            }
            i += 8;
        }
        for (; i < end; i++) {
            byte c = b[i];
            if (c == '\n') {
                return i;
            }
            if (c == '"' || c == '\\') {
                return findLineEndQuoteAware(b, from, end);
            }
        }
        return end;
    }

    /**
     * The line-splitting state machine of InfluxDB's parsers: a backslash hides the next byte; after the
     * first space, a double quote opens or closes a string only when more {@code =} than {@code ,} have
     * been seen outside strings (that is, in a field value position); a newline inside a string does not
     * end the line.
     */
    private static int findLineEndQuoteAware(byte[] b, int from, int end) {
        boolean quoted = false;
        boolean inFields = false;
        boolean escaped = false;
        int equals = 0;
        int commas = 0;
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (escaped) {
                escaped = false;
                continue;
            }
            if (c == '\\') {
                escaped = true;
                continue;
            }
            if (c == ' ') {
                inFields = true;
                continue;
            }
            if (inFields) {
                if (!quoted && c == '=') {
                    equals++;
                    continue;
                } else if (!quoted && c == ',') {
                    commas++;
                    continue;
                } else if (c == '"' && equals > commas) {
                    quoted = !quoted;
                    continue;
                }
            }
            if (c == '\n' && !quoted) {
                return i;
            }
        }
        return end;
    }

    static int skipLeadingWhitespaceAndComments(byte[] b, int p, int end) {
        while (true) {
            while (p < end && (b[p] == ' ' || b[p] == '\t' || b[p] == '\n')) {
                p++;
            }
            if (p < end && b[p] == '#') {
                while (p < end && b[p] != '\n') {
                    p++;
                }
            } else {
                return p;
            }
        }
    }
}
