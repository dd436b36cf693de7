package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses line protocol request bodies straight from bytes, the way InfluxDB 3 Core does, with the same
 * error messages. One instance parses one body at a time and reuses all of its state (the
 * {@link ParsedLine}, arrays, string caches) across lines and bodies: keep one per ingest thread.
 *
 * <p>A body is first cut into lines on {@code \n}, except where the newline is escaped by a backslash or
 * sits inside a quoted string field value (the same scan the Go and Rust parsers use). A {@code \r}
 * before the newline is dropped. Leading spaces, tabs and newlines are skipped; what remains empty, or
 * starts with {@code #}, is not a line and does not count for line numbers.
 *
 * <p>Nothing here throws on bad input: a line that does not parse is reported to
 * {@link LineSink#onError} and parsing continues with the next line.
 */
public final class LineProtocolParser {
    /** The default limit on any one string field value, measurement, key or tag value: 1 MiB. */
    public static final int DEFAULT_MAX_STRING_BYTES = 1 << 20;

    static final String ENDS_WITH_BACKSLASH =
            "Measurements, tag keys and values, and field keys may not end with a backslash";
    private static final String INVALID_MEASUREMENT = "Invalid measurement was provided";
    private static final String NO_FIELDS = "No fields were provided";

    // Byte classes, so each component's scan is one table lookup and one mask per byte.
    private static final byte SPACE = 1;
    private static final byte TAB = 2;
    private static final byte NEWLINE = 4;
    private static final byte NUL = 8;
    private static final byte COMMA = 16;
    private static final byte EQUALS = 32;
    private static final byte BACKSLASH = 64;
    private static final byte[] CLASS = new byte[256];

    static {
        CLASS[' '] = SPACE;
        CLASS['\t'] = TAB;
        CLASS['\n'] = NEWLINE;
        CLASS[0] = NUL;
        CLASS[','] = COMMA;
        CLASS['='] = EQUALS;
        CLASS['\\'] = BACKSLASH;
    }

    /** Bytes that end a run of plain bytes in each component (a backslash starts an escape). */
    private static final int MEASUREMENT_STOP = SPACE | TAB | NEWLINE | NUL | COMMA | BACKSLASH;
    private static final int TAG_KEY_STOP = SPACE | TAB | NEWLINE | EQUALS | BACKSLASH;
    private static final int TAG_VALUE_STOP = SPACE | TAB | NEWLINE | COMMA | BACKSLASH;
    private static final int FIELD_KEY_STOP = SPACE | TAB | NEWLINE | EQUALS | BACKSLASH;
    /** Bytes that a backslash escapes; after any other byte the backslash and that byte are kept as is. */
    private static final int MEASUREMENT_ESCAPES = COMMA | SPACE | BACKSLASH;
    private static final int NAME_ESCAPES = COMMA | EQUALS | SPACE | BACKSLASH;

    private static final long NEWLINES = Bytes.broadcast('\n');
    private static final long QUOTES = Bytes.broadcast('"');
    private static final long BACKSLASHES = Bytes.broadcast('\\');

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    };

    /** A component or value was not there (the caller decides what that means). */
    private static final int ABSENT = -1;
    /** The line is invalid; {@link #errorMessage} and {@link #errorOffset} say why. */
    private static final int FAILED = -2;

    private final int maxStringBytes;
    private final String tooLargeMessage;
    private final ParsedLine line;

    // Result of the last scanComponent.
    private int componentStart;
    private int componentEnd;
    private boolean componentInArena;
    private long componentHash;

    // Result of the last parseValue.
    private byte valueKind;
    private long valueBits;
    private boolean valueInArena;

    // Result of the last parseSigned / parseUnsigned.
    private long parsedLong;

    private String errorMessage;
    private int errorOffset;

    private int[] duplicateTable = new int[64];

    public LineProtocolParser() {
        this(DEFAULT_MAX_STRING_BYTES);
    }

    /**
     * @param maxStringBytes the largest allowed string field value, measurement, key or tag value, in
     *     bytes after unescaping; InfluxDB 3 Core uses 1 MiB ({@link #DEFAULT_MAX_STRING_BYTES})
     */
    public LineProtocolParser(int maxStringBytes) {
        if (maxStringBytes <= 0) {
            throw new IllegalArgumentException("maxStringBytes must be positive, got " + maxStringBytes);
        }
        this.maxStringBytes = maxStringBytes;
        this.tooLargeMessage = tooLargeMessage(maxStringBytes);
        this.line = new ParsedLine(new StringCache(1024, 256), new StringCache(8192, 128));
    }

    /** Parses all of {@code body}; see {@link #parse(byte[], int, int, LineSink)}. */
    public void parse(byte[] body, LineSink sink) {
        parse(body, 0, body.length, sink);
    }

    /**
     * Parses a whole request body, calling the sink once per line that is neither blank nor a comment, in
     * order, until the body ends or the sink returns {@code false}.
     */
    public void parse(byte[] body, int offset, int length, LineSink sink) {
        Objects.checkFromIndexSize(offset, length, body.length);
        Objects.requireNonNull(sink, "sink");
        int end = offset + length;
        int p = offset;
        int lineNumber = 0;
        while (p < end) {
            int split = findLineEnd(body, p, end);
            int lineEnd = split;
            if (lineEnd > p && body[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            int start = skipLeadingWhitespaceAndComments(body, p, lineEnd);
            if (start < lineEnd) {
                lineNumber++;
                if (!parseLine(body, p, start, lineEnd, lineNumber, sink)) {
                    return;
                }
            }
            p = split + 1;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Cutting the body into lines

    /**
     * The index of the {@code \n} that ends the line starting at {@code from}, or {@code end}. Lines
     * without quotes or backslashes (nearly all of them) end at the first newline, found eight bytes at a
     * time; the others go through the quote-aware scan.
     */
    private static int findLineEnd(byte[] b, int from, int end) {
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

    private static int skipLeadingWhitespaceAndComments(byte[] b, int p, int end) {
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

    // ---------------------------------------------------------------------------------------------
    // One line

    private boolean parseLine(byte[] b, int lineStart, int start, int end, int lineNumber, LineSink sink) {
        ParsedLine l = line;
        l.reset(b, lineNumber, lineStart, end);
        if (parseInto(b, start, end)) {
            return sink.onLine(l);
        }
        String original = new String(b, lineStart, end - lineStart, StandardCharsets.UTF_8);
        return sink.onError(new LineError(lineNumber, errorMessage, errorOffset - lineStart + 1, original));
    }

    /**
     * {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}. The order of checks and
     * the text of each message follow InfluxDB 3's parser, including which error wins when a line has two.
     */
    private boolean parseInto(byte[] b, int start, int end) {
        ParsedLine l = line;
        int p = start;

        int r = scanComponent(b, p, end, MEASUREMENT_STOP, MEASUREMENT_ESCAPES);
        if (r == FAILED) {
            return false;
        }
        if (r == ABSENT) {
            return failLine(p, INVALID_MEASUREMENT);
        }
        l.measurementStart = componentStart;
        l.measurementEnd = componentEnd;
        l.measurementInArena = componentInArena;
        l.measurementHash = componentHash;
        p = r;

        if (p < end && b[p] == ',') {
            int tagSetStart = ++p;
            while (true) {
                r = scanComponent(b, p, end, TAG_KEY_STOP, NAME_ESCAPES);
                if (r == FAILED) {
                    return false;
                }
                if (r == ABSENT) {
                    return failLine(p, "Expected tag key, got " + describeRest(b, p, end));
                }
                l.ensureTagCapacity();
                int t = l.tagCount;
                l.tagKeyStart[t] = componentStart;
                l.tagKeyEnd[t] = componentEnd;
                l.tagKeyHash[t] = componentHash;
                byte flags = componentInArena ? (byte) 1 : 0;
                p = r;
                if (p >= end || b[p] != '=') {
                    return failLine(p, "Tag set malformed: could not find equals sign in `"
                            + truncatedText(b, tagSetStart, end) + "`");
                }
                p++;
                r = scanComponent(b, p, end, TAG_VALUE_STOP, NAME_ESCAPES);
                if (r == FAILED) {
                    return false;
                }
                if (r == ABSENT) {
                    return failLine(p, "Expected tag value, got " + describeRest(b, p, end));
                }
                l.tagValueStart[t] = componentStart;
                l.tagValueEnd[t] = componentEnd;
                l.tagValueHash[t] = componentHash;
                l.tagFlags[t] = componentInArena ? (byte) (flags | 2) : flags;
                l.tagCount = t + 1;
                p = r;
                if (p < end && b[p] == ',') {
                    p++;
                } else {
                    break;
                }
            }
        }

        if (p >= end || b[p] != ' ') {
            return failLine(p, "Expected at least one space character, got "
                    + (p >= end ? "end of input" : "`" + text(b, p, end) + "`"));
        }
        while (p < end && b[p] == ' ') {
            p++;
        }

        r = parseField(b, p, end);
        if (r == FAILED) {
            return false;
        }
        if (r == ABSENT) {
            return failLine(p, NO_FIELDS);
        }
        p = r;
        if (p < end && b[p] == ',') {
            // InfluxDB's field list parser leaves the position after the comma when the second field
            // does not parse, but before the comma for any later one; the trailing-content message shows
            // the difference, so it is kept.
            int afterComma = p + 1;
            r = parseField(b, afterComma, end);
            if (r == FAILED) {
                return false;
            }
            if (r == ABSENT) {
                p = afterComma;
            } else {
                p = r;
                while (p < end && b[p] == ',') {
                    r = parseField(b, p + 1, end);
                    if (r == FAILED) {
                        return false;
                    }
                    if (r == ABSENT) {
                        break;
                    }
                    p = r;
                }
            }
        }

        if (p < end && b[p] == ' ') {
            int q = p + 1;
            while (q < end && b[q] == ' ') {
                q++;
            }
            int timestampStart = q;
            if (q < end && b[q] == '-') {
                q++;
            }
            int digits = q;
            while (q < end && isDigit(b[q])) {
                q++;
            }
            if (q > digits) {
                if (!parseSigned(b, timestampStart, q)) {
                    return failLine(timestampStart, "Unable to parse timestamp value `" + text(b, timestampStart, q) + "`");
                }
                l.timestamp = parsedLong;
                l.hasTimestamp = true;
                p = q;
                while (p < end && b[p] == ' ') {
                    p++;
                }
            }
        }
        if (p < end) {
            return failLine(p, "Could not parse entire line. Found trailing content: `" + truncatedText(b, p, end) + "`");
        }
        return checkDuplicateFields();
    }

    /**
     * Scans a measurement, tag key, tag value or field key at {@code p}, unescaping into the line's arena
     * only if it has a backslash. Returns the position after it, {@link #ABSENT} if there is none, or
     * {@link #FAILED}.
     */
    private int scanComponent(byte[] b, int p, int end, int stop, int escapes) {
        int start = p;
        while (p < end && (CLASS[b[p] & 0xFF] & stop) == 0) {
            p++;
        }
        if (p >= end || b[p] != '\\') {
            if (p == start) {
                return ABSENT;
            }
            if (p - start > maxStringBytes) {
                return fail(start, tooLargeMessage);
            }
            componentStart = start;
            componentEnd = p;
            componentInArena = false;
            componentHash = Bytes.hash(b, start, p);
            return p;
        }
        return scanEscapedComponent(b, start, p, end, stop, escapes);
    }

    private int scanEscapedComponent(byte[] b, int start, int p, int end, int stop, int escapes) {
        ParsedLine l = line;
        // Unescaped text is never longer than the raw text, so one check covers the whole component.
        l.ensureArena(end - start);
        byte[] out = l.arena;
        int outStart = l.arenaLength;
        int o = outStart;
        System.arraycopy(b, start, out, o, p - start);
        o += p - start;
        while (true) {
            // Here b[p] is a backslash.
            if (p + 1 < end && (CLASS[b[p + 1] & 0xFF] & escapes) != 0) {
                out[o++] = b[p + 1];
                p += 2;
            } else {
                // Not an escape: the backslash stays, and so does the byte after it, whatever it is.
                out[o++] = '\\';
                p++;
                if (p >= end) {
                    break;
                }
                out[o++] = b[p++];
            }
            int run = p;
            while (p < end && (CLASS[b[p] & 0xFF] & stop) == 0) {
                p++;
            }
            System.arraycopy(b, run, out, o, p - run);
            o += p - run;
            if (p >= end || b[p] != '\\') {
                break;
            }
        }
        if (out[o - 1] == '\\') {
            return fail(p - 1, ENDS_WITH_BACKSLASH);
        }
        if (o - outStart > maxStringBytes) {
            return fail(start, tooLargeMessage);
        }
        l.arenaLength = o;
        componentStart = outStart;
        componentEnd = o;
        componentInArena = true;
        componentHash = Bytes.hash(out, outStart, o);
        return p;
    }

    /** One {@code key=value}; on {@link #ABSENT} nothing of it is kept. */
    private int parseField(byte[] b, int p, int end) {
        ParsedLine l = line;
        int arenaBefore = l.arenaLength;
        int r = scanComponent(b, p, end, FIELD_KEY_STOP, NAME_ESCAPES);
        if (r < 0) {
            return r;
        }
        if (r >= end || b[r] != '=') {
            l.arenaLength = arenaBefore;
            return ABSENT;
        }
        int keyStart = componentStart;
        int keyEnd = componentEnd;
        long keyHash = componentHash;
        boolean keyInArena = componentInArena;
        int valueEnd = parseValue(b, r + 1, end);
        if (valueEnd < 0) {
            l.arenaLength = arenaBefore;
            return valueEnd;
        }
        l.ensureFieldCapacity();
        int f = l.fieldCount;
        l.fieldKeyStart[f] = keyStart;
        l.fieldKeyEnd[f] = keyEnd;
        l.fieldKeyHash[f] = keyHash;
        l.fieldPosition[f] = p;
        l.fieldFlags[f] = (byte) ((keyInArena ? 1 : 0) | (valueInArena ? 2 : 0));
        l.fieldKind[f] = valueKind;
        l.fieldBits[f] = valueBits;
        l.fieldCount = f + 1;
        return valueEnd;
    }

    /**
     * A field value, tried in InfluxDB's order: integer ({@code 1i}), unsigned ({@code 1u}), float,
     * string, boolean. Each form takes the longest prefix it can; what follows is the caller's problem.
     */
    private int parseValue(byte[] b, int p, int end) {
        if (p >= end) {
            return ABSENT;
        }
        byte c = b[p];
        if (c == '-' || isDigit(c)) {
            return parseNumber(b, p, end);
        }
        valueInArena = false;
        switch (c) {
            case '"':
                return parseString(b, p, end);
            case 't':
                return bool(true, startsWith(b, p + 1, end, 'r', 'u', 'e') ? p + 4 : p + 1);
            case 'T':
                return bool(true, startsWith(b, p + 1, end, 'r', 'u', 'e') || startsWith(b, p + 1, end, 'R', 'U', 'E')
                        ? p + 4 : p + 1);
            case 'f':
                return bool(false, startsWith(b, p + 1, end, 'a', 'l', 's', 'e') ? p + 5 : p + 1);
            case 'F':
                return bool(false, startsWith(b, p + 1, end, 'a', 'l', 's', 'e') || startsWith(b, p + 1, end, 'A', 'L', 'S', 'E')
                        ? p + 5 : p + 1);
            default:
                return ABSENT;
        }
    }

    private int bool(boolean value, int next) {
        valueKind = (byte) FieldKind.BOOLEAN.ordinal();
        valueBits = value ? 1 : 0;
        return next;
    }

    private int parseNumber(byte[] b, int p, int end) {
        valueInArena = false;
        int q = p;
        boolean negative = b[q] == '-';
        if (negative) {
            q++;
        }
        int digits = q;
        while (q < end && isDigit(b[q])) {
            q++;
        }
        if (q == digits) {
            return ABSENT;
        }
        if (q < end) {
            byte suffix = b[q];
            if (suffix == 'i') {
                if (!parseSigned(b, p, q)) {
                    return fail(p, "Unable to parse integer value `" + text(b, p, q) + "`");
                }
                valueKind = (byte) FieldKind.INTEGER.ordinal();
                valueBits = parsedLong;
                return q + 1;
            }
            if (suffix == 'u' && !negative) {
                if (!parseUnsigned(b, p, q)) {
                    return fail(p, "Unable to parse unsigned integer value `" + text(b, p, q) + "`");
                }
                valueKind = (byte) FieldKind.UINTEGER.ordinal();
                valueBits = parsedLong;
                return q + 1;
            }
        }
        // Float: digits, then optionally '.' digits, then optionally [eE][+-]digits; a '.' or 'e' not
        // followed by a digit is not part of the number.
        if (q + 1 < end && b[q] == '.' && isDigit(b[q + 1])) {
            q += 2;
            while (q < end && isDigit(b[q])) {
                q++;
            }
        }
        if (q + 1 < end && (b[q] == 'e' || b[q] == 'E')) {
            int e = q + 1;
            if (b[e] == '+' || b[e] == '-') {
                e++;
            }
            if (e < end && isDigit(b[e])) {
                while (e < end && isDigit(b[e])) {
                    e++;
                }
                q = e;
            }
        }
        valueKind = (byte) FieldKind.FLOAT.ordinal();
        valueBits = Double.doubleToRawLongBits(parseFloat(b, p, q));
        return q;
    }

    /**
     * A quoted string: {@code \"} and {@code \\} are unescaped, any other backslash is kept. Without a
     * closing quote the value is {@link #ABSENT}.
     */
    private int parseString(byte[] b, int p, int end) {
        int start = p + 1;
        int q = start;
        while (q < end) {
            byte c = b[q];
            if (c == '"') {
                if (q - start > maxStringBytes) {
                    return fail(p, tooLargeMessage);
                }
                valueKind = (byte) FieldKind.STRING.ordinal();
                valueBits = ((long) start << 32) | q;
                valueInArena = false;
                return q + 1;
            }
            if (c == '\\') {
                return parseEscapedString(b, p, q, end);
            }
            q++;
        }
        return ABSENT;
    }

    private int parseEscapedString(byte[] b, int p, int q, int end) {
        ParsedLine l = line;
        int start = p + 1;
        l.ensureArena(end - start);
        byte[] out = l.arena;
        int outStart = l.arenaLength;
        int o = outStart;
        System.arraycopy(b, start, out, o, q - start);
        o += q - start;
        while (q < end) {
            byte c = b[q];
            if (c == '"') {
                if (o - outStart > maxStringBytes) {
                    return fail(p, tooLargeMessage);
                }
                // Committed here only: a field that turns out absent must leave the arena as it was.
                l.arenaLength = o;
                valueKind = (byte) FieldKind.STRING.ordinal();
                valueBits = ((long) outStart << 32) | o;
                valueInArena = true;
                return q + 1;
            }
            if (c == '\\' && q + 1 < end && (b[q + 1] == '"' || b[q + 1] == '\\')) {
                out[o++] = b[q + 1];
                q += 2;
            } else {
                out[o++] = c;
                q++;
            }
        }
        return ABSENT;
    }

    private boolean checkDuplicateFields() {
        ParsedLine l = line;
        int n = l.fieldCount;
        if (n < 2) {
            return true;
        }
        long[] hashes = l.fieldKeyHash;
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                long h = hashes[i];
                for (int j = 0; j < i; j++) {
                    if (hashes[j] == h && l.sameFieldKey(i, j)) {
                        return duplicateField(i);
                    }
                }
            }
            return true;
        }
        // Many fields: an open-addressing table of field indexes keyed by hash.
        int size = Integer.highestOneBit(n * 2 - 1) << 1;
        if (duplicateTable.length < size) {
            duplicateTable = new int[size];
        }
        int[] table = duplicateTable;
        Arrays.fill(table, 0, size, 0);
        int mask = size - 1;
        for (int i = 0; i < n; i++) {
            long h = hashes[i];
            int slot = (int) (h ^ (h >>> 32)) & mask;
            while (table[slot] != 0) {
                int j = table[slot] - 1;
                if (hashes[j] == h && l.sameFieldKey(i, j)) {
                    return duplicateField(i);
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i + 1;
        }
        return true;
    }

    private boolean duplicateField(int i) {
        return failLine(line.fieldPosition[i],
                "invalid line protocol - multiple instances of '" + line.fieldKey(i) + "' field found");
    }

    // ---------------------------------------------------------------------------------------------
    // Numbers

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** {@code -?\d+} as an int64 into {@link #parsedLong}; false if it does not fit. */
    private boolean parseSigned(byte[] b, int from, int to) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        while (i < to - 1 && b[i] == '0') {
            i++;
        }
        int n = to - i;
        if (n < 19) {
            long v = 0;
            for (; i < to; i++) {
                v = v * 10 + (b[i] - '0');
            }
            parsedLong = negative ? -v : v;
            return true;
        }
        if (n > 19) {
            return false;
        }
        // Nineteen digits may overflow: accumulate negatively, as the negative range is the larger one.
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (v < Long.MIN_VALUE / 10) {
                return false;
            }
            v *= 10;
            if (v < Long.MIN_VALUE + d) {
                return false;
            }
            v -= d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return false;
            }
            v = -v;
        }
        parsedLong = v;
        return true;
    }

    /** {@code \d+} as a uint64 (its bits) into {@link #parsedLong}; false if it does not fit. */
    private boolean parseUnsigned(byte[] b, int from, int to) {
        int i = from;
        while (i < to - 1 && b[i] == '0') {
            i++;
        }
        int n = to - i;
        if (n > 20) {
            return false;
        }
        long v = 0;
        int last = n == 20 ? to - 1 : to;
        for (; i < last; i++) {
            v = v * 10 + (b[i] - '0');
        }
        if (n == 20) {
            // v holds the first 19 digits (below 2^64); 2^64 - 1 = 1844674407370955161 * 10 + 5.
            int d = b[to - 1] - '0';
            long limit = 1844674407370955161L;
            if (Long.compareUnsigned(v, limit) > 0 || (v == limit && d > 5)) {
                return false;
            }
            v = v * 10 + d;
        }
        parsedLong = v;
        return true;
    }

    /**
     * {@code -?\d+(\.\d+)?([eE][+-]?\d+)?}, correctly rounded. A mantissa of at most 2^53 (collected
     * from up to 18 significant digits, so it cannot overflow) with a power of ten in [-22, 22] is exact
     * in one multiply or divide, as both operands are exact doubles; anything else goes to
     * {@link Double#parseDouble}.
     */
    static double parseFloat(byte[] b, int from, int to) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean inexact = false;
        for (; i < to && isDigit(b[i]); i++) {
            int d = b[i] - '0';
            if (significant < 18) {
                if (mantissa != 0 || d != 0) {
                    mantissa = mantissa * 10 + d;
                    significant++;
                }
            } else {
                exponent++;
                inexact |= d != 0;
            }
        }
        if (i < to && b[i] == '.') {
            for (i++; i < to && isDigit(b[i]); i++) {
                int d = b[i] - '0';
                if (significant < 18) {
                    if (mantissa != 0 || d != 0) {
                        mantissa = mantissa * 10 + d;
                        significant++;
                    }
                    exponent--;
                } else {
                    inexact |= d != 0;
                }
            }
        }
        if (i < to) {
            // An exponent: [eE][+-]?\d+
            i++;
            boolean negativeExponent = false;
            if (b[i] == '+' || b[i] == '-') {
                negativeExponent = b[i] == '-';
                i++;
            }
            int e = 0;
            for (; i < to; i++) {
                if (e < 1_000_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            exponent += negativeExponent ? -e : e;
        }
        if (!inexact) {
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            if (mantissa <= (1L << 53) && exponent >= -22 && exponent <= 22) {
                double v = mantissa;
                v = exponent >= 0 ? v * POWERS_OF_TEN[exponent] : v / POWERS_OF_TEN[-exponent];
                return negative ? -v : v;
            }
        }
        return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    private int fail(int offset, String message) {
        errorOffset = offset;
        errorMessage = message;
        return FAILED;
    }

    private boolean failLine(int offset, String message) {
        fail(offset, message);
        return false;
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /** "end of input", or the rest quoted in backticks and cut to ten characters. */
    private static String describeRest(byte[] b, int from, int to) {
        return from >= to ? "end of input" : "`" + truncatedText(b, from, to) + "`";
    }

    /**
     * InfluxDB shows at most ten characters of context: longer than ten bytes becomes the first ten
     * characters followed by {@code ...}.
     */
    static String truncatedText(byte[] b, int from, int to) {
        if (to - from <= 10) {
            return text(b, from, to);
        }
        // Ten characters take at most 40 bytes.
        String s = text(b, from, Math.min(to, from + 40));
        int chars = s.codePointCount(0, s.length());
        return s.substring(0, s.offsetByCodePoints(0, Math.min(10, chars))) + "...";
    }

    static String tooLargeMessage(int maxBytes) {
        if (maxBytes % (1 << 20) == 0) {
            return "String is greater than " + (maxBytes >> 20) + "MB";
        }
        if (maxBytes % 1024 == 0) {
            return "String is greater than " + (maxBytes >> 10) + "KB";
        }
        return "String is greater than " + maxBytes + " bytes";
    }

    private static boolean startsWith(byte[] b, int p, int end, char c1, char c2, char c3) {
        return p + 3 <= end && b[p] == c1 && b[p + 1] == c2 && b[p + 2] == c3;
    }

    private static boolean startsWith(byte[] b, int p, int end, char c1, char c2, char c3, char c4) {
        return p + 4 <= end && b[p] == c1 && b[p + 1] == c2 && b[p + 2] == c3 && b[p + 3] == c4;
    }
}
