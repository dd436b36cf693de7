package io.influxdb3j.lp;

import static io.influxdb3j.lp.ErrorMessages.BACKSLASH_AT_END;
import static io.influxdb3j.lp.ErrorMessages.DUPLICATE_FIELD;
import static io.influxdb3j.lp.ErrorMessages.EXPECTED_SPACE;
import static io.influxdb3j.lp.ErrorMessages.EXPECTED_TAG_KEY;
import static io.influxdb3j.lp.ErrorMessages.EXPECTED_TAG_VALUE;
import static io.influxdb3j.lp.ErrorMessages.INTEGER_VALUE;
import static io.influxdb3j.lp.ErrorMessages.INVALID_MEASUREMENT;
import static io.influxdb3j.lp.ErrorMessages.NOT_AT_LINE_END;
import static io.influxdb3j.lp.ErrorMessages.NO_FIELDS;
import static io.influxdb3j.lp.ErrorMessages.TAG_SET_MALFORMED;
import static io.influxdb3j.lp.ErrorMessages.TIMESTAMP_VALUE;
import static io.influxdb3j.lp.ErrorMessages.TOO_LARGE;
import static io.influxdb3j.lp.ErrorMessages.TRAILING_CONTENT;
import static io.influxdb3j.lp.ErrorMessages.UNSIGNED_VALUE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses line protocol request bodies straight from bytes, the way InfluxDB 3 Core does, with the same
 * error messages. One instance parses one body at a time and reuses all of its state (the
 * {@link ParsedLine}, arrays, string caches) across lines and bodies: keep one per ingest thread.
 *
 * <p>A body is cut into lines on {@code \n}, except where the newline is escaped by a backslash or sits
 * inside a quoted string field value (the same scan the Go and Rust parsers use). A {@code \r} before the
 * newline is dropped. Leading spaces, tabs and newlines are skipped; what remains empty, or starts with
 * {@code #}, is not a line and does not count for line numbers.
 *
 * <p>Hot path: a line is first parsed optimistically against the end of the body, with no separate pass
 * to find its end; it is accepted if it parses and stops exactly at a line ending, and, when it contains
 * quotes or backslashes, if the line-cutting scan agrees on where it ends. Everything else (comments,
 * invalid lines) is cut first and parsed again within its bounds, which is what produces the error
 * messages. Names and digits are scanned eight bytes at a time.
 *
 * <p>Nothing here throws on bad input: a line that does not parse is reported to
 * {@link LineSink#onError} and parsing continues with the next line.
 */
public final class LineProtocolParser {
    /** The default limit on any one string field value, measurement, key or tag value: 1 MiB. */
    public static final int DEFAULT_MAX_STRING_BYTES = 1 << 20;


    // Byte classes, for the byte-at-a-time paths.
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

    private static final long BACKSLASHES = Bytes.broadcast('\\');
    private static final long COMMAS = Bytes.broadcast(',');
    private static final long EQUALS_SIGNS = Bytes.broadcast('=');



    /** A component or value was not there (the caller decides what that means). */
    private static final int ABSENT = -1;
    /** The line is invalid; {@link #errorCode} and friends say why. */
    private static final int FAILED = -2;

    private final int maxStringBytes;
    private final String tooLargeMessage;
    private final ParsedLine line;

    /** True on the optimistic pass, where {@code end} is the end of the body rather than of the line. */
    private boolean optimistic;
    /** Set when the line used a string value or an escape: its end must then be confirmed by cutting. */
    private boolean quotedOrEscaped;
    /** Where the last successful {@link #parseInto} stopped. */
    private int parsedEnd;

    // Result of the last scanComponent.
    private int componentStart;
    private int componentEnd;
    private boolean componentInArena;
    private long componentHash;

    // Result of the last parseValue.
    private byte valueKind;
    private long valueBits;
    private boolean valueInArena;

    // Result of the last digitRun: where it ended and whether it has at most 19 digits.
    private int runEnd;
    private boolean runFits;

    // Result of the last parseSigned / parseUnsigned.
    private long parsedLong;

    private int errorCode;
    private int errorOffset;
    private int errorArgumentStart;
    private int errorArgumentEnd;

    private final SeriesCache seriesCache = new SeriesCache(4096);

    private int[] duplicateTable = new int[64];
    /** The last field-key hash sequence found pairwise distinct (see checkDuplicateFields). */
    private long[] distinctHashes = new long[16];
    private int distinctCount;

    /** Tests turn this off to check the optimistic pass against plain cut-then-parse. */
    boolean optimisticPass = true;
    /**
     * Tests turn this off to check the shortcuts (name memos, series cache, two-word floats) against the
     * general scans they skip.
     */
    boolean fastPaths = true;

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
        this.tooLargeMessage = ErrorMessages.tooLargeMessage(maxStringBytes);
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
        ParsedLine l = line;
        int end = offset + length;
        int p = offset;
        int lineNumber = 0;
        while (p < end) {
            // Blank text never counts, so skip it without cutting lines; a newline starts a new segment.
            int segmentStart = p;
            while (p < end) {
                byte c = body[p];
                if (c == '\n') {
                    segmentStart = ++p;
                } else if (c == ' ' || c == '\t') {
                    p++;
                } else {
                    break;
                }
            }
            if (p >= end) {
                break;
            }
            if (optimisticPass && body[p] != '#') {
                l.reset(body, lineNumber + 1, segmentStart, end);
                int lineEnd = parseOptimistically(body, segmentStart, p, end);
                if (lineEnd >= 0) {
                    lineNumber++;
                    l.lineEnd = lineEnd;
                    if (!sink.onLine(l)) {
                        return;
                    }
                    p = lineEnd < end && body[lineEnd] == '\r' ? lineEnd + 2 : lineEnd + 1;
                    continue;
                }
            }
            // Comments, invalid lines, and lines whose end the optimistic pass could not confirm.
            int split = LineCuts.findLineEnd(body, segmentStart, end);
            int lineEnd = split;
            if (lineEnd > segmentStart && body[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            int start = LineCuts.skipLeadingWhitespaceAndComments(body, segmentStart, lineEnd);
            if (start < lineEnd) {
                lineNumber++;
                if (!parseLine(body, segmentStart, start, lineEnd, lineNumber, sink)) {
                    return;
                }
            }
            p = split + 1;
        }
    }

    /**
     * Parses the line at {@code start} as if it ran to the end of the body. Returns where the line ends
     * (at a {@code \n}, at the {@code \r} of a {@code \r\n}, or at the end), or -1 if the line must be
     * cut and parsed again.
     */
    private int parseOptimistically(byte[] b, int segmentStart, int start, int end) {
        optimistic = true;
        quotedOrEscaped = false;
        boolean ok = parseInto(b, start, end);
        optimistic = false;
        if (!ok) {
            return -1;
        }
        int lineEnd = parsedEnd;
        if (quotedOrEscaped) {
            // Strings and escapes may hide newlines: only accept if cutting the body agrees.
            int split = lineEnd < end && b[lineEnd] == '\r' ? lineEnd + 1 : lineEnd;
            if (LineCuts.findLineEnd(b, segmentStart, end) != split) {
                return -1;
            }
        }
        return lineEnd;
    }

    // ---------------------------------------------------------------------------------------------
    // One line

    /** Parses a line already cut from the body, and reports it. */
    private boolean parseLine(byte[] b, int lineStart, int start, int end, int lineNumber, LineSink sink) {
        ParsedLine l = line;
        l.reset(b, lineNumber, lineStart, end);
        if (parseInto(b, start, end)) {
            return sink.onLine(l);
        }
        String original = new String(b, lineStart, end - lineStart, StandardCharsets.UTF_8);
        return sink.onError(new LineError(lineNumber, errorMessage(b, end), errorOffset - lineStart + 1, original));
    }

    /**
     * {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}. The order of checks and
     * the text of each message follow InfluxDB 3's parser, including which error wins when a line has two.
     */
    private boolean parseInto(byte[] b, int start, int end) {
        ParsedLine l = line;
        int p = start;

        NameMemo memo = l.measurementMemo;
        int r = fastPaths ? memo.match(0, b, p, end) : -1;
        if (r >= 0 && (b[r] == ',' || b[r] == ' ')) {
            l.measurementStart = p;
            l.measurementEnd = r;
            l.measurementInArena = false;
            l.measurementMemoized = true;
            l.measurementHash = memo.hash[0];
        } else {
            r = scanComponent(b, p, end, MEASUREMENT_STOP, MEASUREMENT_ESCAPES, COMMAS);
            if (r == FAILED) {
                return false;
            }
            if (r == ABSENT) {
                return failLine(INVALID_MEASUREMENT, p);
            }
            l.measurementStart = componentStart;
            l.measurementEnd = componentEnd;
            l.measurementInArena = componentInArena;
            l.measurementHash = componentHash;
            l.measurementMemoized = fastPaths && !componentInArena && memo.remember(0, b, componentStart, componentEnd, componentHash);
        }
        p = r;

        if (p < end && b[p] == ',') {
            int tagSetStart = p + 1;
            int tagSetEnd = fastPaths ? seriesCache.scan(b, tagSetStart, end) : -1;
            SeriesCache.Entry e = tagSetEnd < 0 ? null : seriesCache.find(b, tagSetStart, tagSetEnd, seriesCache.scannedHash);
            if (e != null) {
                l.series = e;
                l.tagCount = e.tagCount;
                p = tagSetEnd;
            } else {
                boolean escapedBefore = quotedOrEscaped;
                quotedOrEscaped = false;
                p = parseTagSet(b, tagSetStart, end);
                boolean escaped = quotedOrEscaped;
                quotedOrEscaped |= escapedBefore;
                if (p == FAILED) {
                    return false;
                }
                // Every backslash in a tag set goes through scanEscapedComponent, which sets the flag: so
                // the cache only keeps tag sets without one, and a hit (equal bytes) has none either.
                if (p == tagSetEnd && !escaped && l.tagCount <= SeriesCache.MAX_TAGS) {
                    seriesCache.put(b, tagSetStart, tagSetEnd, seriesCache.scannedHash, l);
                }
            }
        }

        if (p >= end || b[p] != ' ') {
            return failLine(EXPECTED_SPACE, p);
        }
        while (p < end && b[p] == ' ') {
            p++;
        }
        p = parseFieldSet(b, p, end);
        if (p == FAILED) {
            return false;
        }

        if (p < end && b[p] == ' ') {
            p = parseTimestamp(b, p, end);
            if (p == FAILED) {
                return false;
            }
        }
        if (p < end) {
            if (!optimistic) {
                return failLine(TRAILING_CONTENT, p);
            }
            byte c = b[p];
            if (c != '\n' && !(c == '\r' && (p + 1 == end || b[p + 1] == '\n'))) {
                return failLine(NOT_AT_LINE_END, p);
            }
        }
        parsedEnd = p;
        return checkDuplicateFields();
    }

    /** {@code key=value[,key=value...]} after the measurement's comma, which needs at least one tag. */
    private int parseTagSet(byte[] b, int tagSetStart, int end) {
        ParsedLine l = line;
        int p = tagSetStart;
        NameMemo memo = l.tagKeyMemo;
        while (true) {
            l.ensureTagCapacity();
            int t = l.tagCount;
            byte flags;
            int r = fastPaths ? memo.match(t, b, p, end) : -1;
            if (r >= 0 && b[r] == '=') {
                l.tagKeyStart[t] = p;
                l.tagKeyEnd[t] = r;
                l.tagKeyHash[t] = memo.hash[t];
                flags = ParsedLine.MEMOIZED;
            } else {
                r = scanComponent(b, p, end, TAG_KEY_STOP, NAME_ESCAPES, EQUALS_SIGNS);
                if (r == FAILED) {
                    return FAILED;
                }
                if (r == ABSENT) {
                    return fail(EXPECTED_TAG_KEY, p);
                }
                l.tagKeyStart[t] = componentStart;
                l.tagKeyEnd[t] = componentEnd;
                l.tagKeyHash[t] = componentHash;
                if (componentInArena) {
                    flags = 1;
                } else if (fastPaths && r < end && b[r] == '=' && memo.remember(t, b, componentStart, componentEnd, componentHash)) {
                    flags = ParsedLine.MEMOIZED;
                } else {
                    flags = 0;
                }
            }
            p = r;
            if (p >= end || b[p] != '=') {
                return fail(TAG_SET_MALFORMED, p, tagSetStart, end);
            }
            p++;
            r = scanComponent(b, p, end, TAG_VALUE_STOP, NAME_ESCAPES, COMMAS);
            if (r == FAILED) {
                return FAILED;
            }
            if (r == ABSENT) {
                return fail(EXPECTED_TAG_VALUE, p);
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
                return p;
            }
        }
    }

    /** At least one {@code key=value}, comma separated. */
    private int parseFieldSet(byte[] b, int p, int end) {
        ParsedLine l = line;
        while (true) {
            if (fastPaths) {
                int r = FastPaths.floatFields(line, b, p, end);
                if (r >= 0) {
                    return r;
                }
                p = ~r;
            }
            int k = l.fieldCount;
            int r = parseField(b, p, end);
            if (r == FAILED) {
                return FAILED;
            }
            if (r == ABSENT) {
                // InfluxDB's field list parser leaves the position after the comma when the second
                // field does not parse, but before the comma for any later one; the trailing-content
                // message shows the difference, so it is kept.
                return k == 0 ? fail(NO_FIELDS, p) : k == 1 ? p : p - 1;
            }
            if (r < end && b[r] == ',') {
                p = r + 1;
            } else {
                return r;
            }
        }
    }

    /**
     * Spaces, then an optional signed int64 and more spaces. Without digits after the spaces there is no
     * timestamp and the position stays before the spaces (so they show as trailing content).
     */
    private int parseTimestamp(byte[] b, int p, int end) {
        int q = p + 1;
        while (q < end && b[q] == ' ') {
            q++;
        }
        int timestampStart = q;
        boolean negative = q < end && b[q] == '-';
        if (negative) {
            q++;
        } else if (fastPaths && q + 24 <= end) {
            int r = FastPaths.timestamp(line, b, q);
            if (r >= 0) {
                while (r < end && b[r] == ' ') {
                    r++;
                }
                return r;
            }
        }
        long digits = digitRun(b, q, end);
        if (runEnd == q) {
            return p;
        }
        if (!toSigned(digits, runFits, runEnd - q, negative, b, timestampStart, runEnd)) {
            return fail(TIMESTAMP_VALUE, timestampStart, timestampStart, runEnd);
        }
        line.timestamp = parsedLong;
        line.hasTimestamp = true;
        p = runEnd;
        while (p < end && b[p] == ' ') {
            p++;
        }
        return p;
    }

    /**
     * Scans a measurement, tag key, tag value or field key at {@code p}: eight bytes at a time, looking for
     * any byte below {@code '!'}, the component's delimiter ({@code ,} or {@code =}) or a backslash, and
     * hashing the words as it goes. Unescapes into the line's arena only if there is a backslash. Returns
     * the position after the component, {@link #ABSENT} if there is none, or {@link #FAILED}.
     */
    private int scanComponent(byte[] b, int p, int end, int stop, int escapes, long delimiters) {
        int start = p;
        long h = Bytes.HASH_SEED;
        while (p + 8 <= end) {
            long word = Bytes.readLong(b, p);
            long hits = Bytes.belowExclamationMark(word) | Bytes.matches(word, delimiters) | Bytes.matches(word, BACKSLASHES);
            if (hits == 0) {
                h = Bytes.mix(h ^ word);
                p += 8;
                continue;
            }
            int n = Long.numberOfTrailingZeros(hits) >>> 3;
            int q = p + n;
            byte c = b[q];
            if ((CLASS[c & 0xFF] & stop) == 0) {
                // A control byte that is part of the name (say '\r'): rare, take the slow road.
                return scanComponentByBytes(b, start, end, stop, escapes);
            }
            if (c == '\\') {
                return scanEscapedComponent(b, start, q, end, stop, escapes);
            }
            if (n > 0) {
                h = Bytes.mix(h ^ (word & (-1L >>> (64 - (n << 3)))));
            }
            return finishComponent(start, q, h);
        }
        int q = p;
        while (q < end && (CLASS[b[q] & 0xFF] & stop) == 0) {
            q++;
        }
        if (q < end && b[q] == '\\') {
            return scanEscapedComponent(b, start, q, end, stop, escapes);
        }
        if (q > p) {
            h = Bytes.mix(h ^ Bytes.tail(b, p, q));
        }
        return finishComponent(start, q, h);
    }

    private int finishComponent(int start, int end, long hash) {
        if (end == start) {
            return ABSENT;
        }
        if (end - start > maxStringBytes) {
            return fail(TOO_LARGE, start);
        }
        componentStart = start;
        componentEnd = end;
        componentInArena = false;
        componentHash = Bytes.finishHash(hash, end - start);
        return end;
    }

    private int scanComponentByBytes(byte[] b, int start, int end, int stop, int escapes) {
        int p = start;
        while (p < end && (CLASS[b[p] & 0xFF] & stop) == 0) {
            p++;
        }
        if (p < end && b[p] == '\\') {
            return scanEscapedComponent(b, start, p, end, stop, escapes);
        }
        if (p == start) {
            return ABSENT;
        }
        if (p - start > maxStringBytes) {
            return fail(TOO_LARGE, start);
        }
        componentStart = start;
        componentEnd = p;
        componentInArena = false;
        componentHash = Bytes.hash(b, start, p);
        return p;
    }

    private int scanEscapedComponent(byte[] b, int start, int p, int end, int stop, int escapes) {
        quotedOrEscaped = true;
        // Find where the component ends first, so the arena grows by its size (on the optimistic pass
        // 'end' is the end of the body). A backslash always takes the byte after it, if there is one.
        int rawEnd = p;
        while (true) {
            rawEnd = Math.min(rawEnd + 2, end);
            while (rawEnd < end && (CLASS[b[rawEnd] & 0xFF] & stop) == 0) {
                rawEnd++;
            }
            if (rawEnd >= end || b[rawEnd] != '\\') {
                break;
            }
        }
        end = rawEnd;
        ParsedLine l = line;
        // Unescaped text is never longer than the raw text.
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
            return fail(BACKSLASH_AT_END, p - 1);
        }
        if (o - outStart > maxStringBytes) {
            return fail(TOO_LARGE, start);
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
        int f = l.fieldCount;
        NameMemo memo = l.fieldKeyMemo;
        int keyStart;
        int keyEnd;
        long keyHash;
        int keyFlags;
        int r = fastPaths ? memo.match(f, b, p, end) : -1;
        if (r >= 0 && b[r] == '=') {
            keyStart = p;
            keyEnd = r;
            keyHash = memo.hash[f];
            keyFlags = ParsedLine.MEMOIZED;
        } else {
            r = scanComponent(b, p, end, FIELD_KEY_STOP, NAME_ESCAPES, EQUALS_SIGNS);
            if (r < 0) {
                return r;
            }
            if (r >= end || b[r] != '=') {
                l.arenaLength = arenaBefore;
                return ABSENT;
            }
            keyStart = componentStart;
            keyEnd = componentEnd;
            keyHash = componentHash;
            if (componentInArena) {
                keyFlags = 1;
            } else {
                keyFlags = fastPaths && memo.remember(f, b, keyStart, keyEnd, keyHash) ? ParsedLine.MEMOIZED : 0;
            }
        }
        int valueEnd = parseValue(b, r + 1, end);
        if (valueEnd < 0) {
            l.arenaLength = arenaBefore;
            return valueEnd;
        }
        l.ensureFieldCapacity();
        l.fieldKeyStart[f] = keyStart;
        l.fieldKeyEnd[f] = keyEnd;
        l.fieldKeyHash[f] = keyHash;
        l.fieldPosition[f] = p;
        l.fieldFlags[f] = (byte) (keyFlags | (valueInArena ? 2 : 0) | valueKind << ParsedLine.KIND_SHIFT);
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
        valueInArena = false;
        if (c == '-' || isDigit(c)) {
            return parseNumber(b, p, end);
        }
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
        boolean negative = b[p] == '-';
        int digits = negative ? p + 1 : p;
        if (fastPaths && digits + 16 <= end) {
            // The usual float, 1 to 7 digits '.' 1 to 7 digits without exponent, from two words and
            // no loop: at most 14 digits, so the mantissa is below 2^53 and one division is exact.
            long word = Bytes.readLong(b, digits);
            int n = Bytes.leadingDigits(word);
            if (n > 0 && n < 8 && ((word >>> (n << 3)) & 0xFF) == '.') {
                int f = digits + n + 1;
                long fraction = Bytes.readLong(b, f);
                int m = Bytes.leadingDigits(fraction);
                if (m > 0 && m < 8 && ((fraction >>> (m << 3)) & 0xDF) != 'E') {
                    long mantissa = Bytes.digitsValue(word, n) * Numbers.LONG_POWERS_OF_TEN[m] + Bytes.digitsValue(fraction, m);
                    return floatValue(mantissa / Numbers.POWERS_OF_TEN[m], negative, f + m);
                }
            }
        }
        long integral = digitRun(b, digits, end);
        int q = runEnd;
        if (q == digits) {
            return ABSENT;
        }
        int count = q - digits;
        if (q < end) {
            byte c = b[q];
            if (c == 'i' || (c == 'u' && !negative)) {
                return parseInteger(b, p, q, integral, count, negative);
            }
            // The common float shapes, digits or digits.digits with at most 18 digits in all and no
            // exponent, are exact in one division: the mantissa is below 2^63 and checked against
            // 2^53, and powers of ten up to 10^18 are exact doubles.
            if (c == '.' && q + 1 < end && isDigit(b[q + 1]) && count <= 18) {
                long fraction = digitRun(b, q + 1, end);
                int r = runEnd;
                int fractionDigits = r - q - 1;
                if (count + fractionDigits <= 18 && (r >= end || (b[r] | 0x20) != 'e')) {
                    long mantissa = integral * Numbers.LONG_POWERS_OF_TEN[fractionDigits] + fraction;
                    if (mantissa <= (1L << 53)) {
                        return floatValue(mantissa / Numbers.POWERS_OF_TEN[fractionDigits], negative, r);
                    }
                }
                return parseFloatValue(b, p, end);
            }
            if ((c | 0x20) == 'e') {
                return parseFloatValue(b, p, end);
            }
        }
        if (count <= 15) {
            return floatValue(integral, negative, q);
        }
        return parseFloatValue(b, p, end);
    }

    private int floatValue(double magnitude, boolean negative, int next) {
        valueKind = (byte) FieldKind.FLOAT.ordinal();
        valueBits = Double.doubleToRawLongBits(negative ? -magnitude : magnitude);
        return next;
    }

    /** {@code -?\d+i} or {@code \d+u}; {@code q} is at the suffix. */
    private int parseInteger(byte[] b, int p, int q, long digits, int count, boolean negative) {
        if (b[q] == 'i') {
            if (!toSigned(digits, runFits, count, negative, b, p, q)) {
                return fail(INTEGER_VALUE, p, p, q);
            }
            valueKind = (byte) FieldKind.INTEGER.ordinal();
        } else {
            if (runFits) {
                parsedLong = digits;
            } else if (!parseUnsigned(b, p, q)) {
                return fail(UNSIGNED_VALUE, p, p, q);
            }
            valueKind = (byte) FieldKind.UINTEGER.ordinal();
        }
        valueBits = parsedLong;
        return q + 1;
    }

    /**
     * Any float at {@code p}: digits, then optionally '.' digits, then optionally [eE][+-]digits; a '.'
     * or 'e' not followed by a digit is not part of the number.
     */
    private int parseFloatValue(byte[] b, int p, int end) {
        int q = b[p] == '-' ? p + 1 : p;
        while (q < end && isDigit(b[q])) {
            q++;
        }
        if (q + 1 < end && b[q] == '.' && isDigit(b[q + 1])) {
            q += 2;
            while (q < end && isDigit(b[q])) {
                q++;
            }
        }
        if (q + 1 < end && (b[q] | 0x20) == 'e') {
            int e = q + 1;
            if (b[e] == '-' || b[e] == '+') {
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
        valueBits = Double.doubleToRawLongBits(Numbers.parseFloat(b, p, q));
        return q;
    }

    /**
     * The digits at {@code p}, eight at a time: sets {@link #runEnd}, and {@link #runFits} if there are at
     * most 19 of them, in which case the result is their value (as unsigned bits; 19 digits may exceed
     * {@code Long.MAX_VALUE}).
     */
    private long digitRun(byte[] b, int p, int end) {
        long v = 0;
        int q = p;
        while (q + 8 <= end) {
            long word = Bytes.readLong(b, q);
            int n = Bytes.leadingDigits(word);
            if (n > 0) {
                if (q - p + n <= 19) {
                    v = v * Numbers.LONG_POWERS_OF_TEN[n] + Bytes.digitsValue(word, n);
                }
                q += n;
            }
            if (n < 8) {
                runEnd = q;
                runFits = q - p <= 19;
                return v;
            }
        }
        for (; q < end && isDigit(b[q]); q++) {
            if (q - p < 19) {
                v = v * 10 + (b[q] - '0');
            }
        }
        runEnd = q;
        runFits = q - p <= 19;
        return v;
    }

    /**
     * Signed int64 from a digit run into {@link #parsedLong}; false if it does not fit. {@code b[from,
     * to)} is the text with its sign, for runs too long for {@link #digitRun} (leading zeros).
     */
    private boolean toSigned(long digits, boolean fits, int count, boolean negative, byte[] b, int from, int to) {
        if (!fits) {
            return parseSigned(b, from, to);
        }
        if (count == 19) {
            // Up to 2^63 - 1, or 2^63 when negative, compared as unsigned.
            if (Long.compareUnsigned(digits, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
                return false;
            }
        }
        parsedLong = negative ? -digits : digits;
        return true;
    }

    /**
     * A quoted string: {@code \"} and {@code \\} are unescaped, any other backslash is kept. Without a
     * closing quote the value is {@link #ABSENT}.
     */
    private int parseString(byte[] b, int p, int end) {
        quotedOrEscaped = true;
        int start = p + 1;
        int q = start;
        while (q < end) {
            byte c = b[q];
            if (c == '"') {
                if (q - start > maxStringBytes) {
                    return fail(TOO_LARGE, p);
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
        // Find the closing quote first, so the arena grows by the string's size.
        int close = q;
        while (close < end && b[close] != '"') {
            close += b[close] == '\\' && close + 1 < end && (b[close + 1] == '"' || b[close + 1] == '\\') ? 2 : 1;
        }
        if (close >= end) {
            return ABSENT;
        }
        end = close + 1;
        ParsedLine l = line;
        int start = p + 1;
        l.ensureArena(close - start);
        byte[] out = l.arena;
        int outStart = l.arenaLength;
        int o = outStart;
        System.arraycopy(b, start, out, o, q - start);
        o += q - start;
        while (q < end) {
            byte c = b[q];
            if (c == '"') {
                if (o - outStart > maxStringBytes) {
                    return fail(TOO_LARGE, p);
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
        // Lines usually repeat the previous line's field names. If every key is the name its position's
        // memo holds, and the memo's first n names are known to be pairwise distinct, no two are equal.
        NameMemo memo = l.fieldKeyMemo;
        boolean allMemoized = true;
        for (int i = l.leadingFloatFields; i < n; i++) {
            allMemoized &= (l.fieldFlags[i] & ParsedLine.MEMOIZED) != 0;
        }
        if (allMemoized && n <= memo.distinct) {
            return true;
        }
        long[] hashes = l.fieldKeyHash;
        for (int i = 0; i < n; i++) {
            hashes[i] = l.fieldKeyHash(i);
        }
        // Otherwise, if these hashes are exactly a sequence already seen to be pairwise distinct, no two
        // keys can be equal.
        if (n == distinctCount && Arrays.equals(hashes, 0, n, distinctHashes, 0, n)) {
            return true;
        }
        boolean hashesDistinct = true;
        if (n <= 16) {
            for (int i = 1; i < n; i++) {
                long h = hashes[i];
                for (int j = 0; j < i; j++) {
                    if (hashes[j] == h) {
                        if (l.sameFieldKey(i, j)) {
                            return duplicateField(i);
                        }
                        hashesDistinct = false;
                    }
                }
            }
        } else {
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
                // The hash's top bits depend on every byte of the key; its low bits do not.
            int slot = (int) (h >>> 40) & mask;
                while (table[slot] != 0) {
                    int j = table[slot] - 1;
                    if (hashes[j] == h) {
                        if (l.sameFieldKey(i, j)) {
                            return duplicateField(i);
                        }
                        hashesDistinct = false;
                    }
                    slot = (slot + 1) & mask;
                }
                table[slot] = i + 1;
            }
        }
        if (hashesDistinct) {
            if (allMemoized) {
                memo.distinct = Math.max(memo.distinct, n);
            }
            if (distinctHashes.length < n) {
                distinctHashes = new long[hashes.length];
            }
            System.arraycopy(hashes, 0, distinctHashes, 0, n);
            distinctCount = n;
        }
        return true;
    }

    private boolean duplicateField(int i) {
        errorArgumentStart = i;
        return failLine(DUPLICATE_FIELD, line.fieldPosition[i]);
    }

    // ---------------------------------------------------------------------------------------------
    // Numbers, slow paths

    private static boolean isDigit(byte c) {
        return Numbers.isDigit(c);
    }

    /** {@code -?\d+} of any length as an int64 into {@link #parsedLong}; false if it does not fit. */
    private boolean parseSigned(byte[] b, int from, int to) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        while (i < to - 1 && b[i] == '0') {
            i++;
        }
        if (to - i > 19) {
            return false;
        }
        // Accumulate negatively, as the negative range is the larger one.
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

    /** {@code \d+} of any length as a uint64 (its bits) into {@link #parsedLong}; false if it does not fit. */
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

    // ---------------------------------------------------------------------------------------------
    // Errors

    private int fail(int code, int offset) {
        errorCode = code;
        errorOffset = offset;
        return FAILED;
    }

    private int fail(int code, int offset, int argumentStart, int argumentEnd) {
        errorArgumentStart = argumentStart;
        errorArgumentEnd = argumentEnd;
        return fail(code, offset);
    }

    private boolean failLine(int code, int offset) {
        fail(code, offset);
        return false;
    }

    /** The message InfluxDB 3 gives for the last failure, on a line ending at {@code end}. */
    private String errorMessage(byte[] b, int end) {
        return ErrorMessages.message(errorCode, b, errorOffset, errorArgumentStart, errorArgumentEnd, end,
                tooLargeMessage, line);
    }

    private static boolean startsWith(byte[] b, int p, int end, char c1, char c2, char c3) {
        return p + 3 <= end && b[p] == c1 && b[p + 1] == c2 && b[p + 2] == c3;
    }

    private static boolean startsWith(byte[] b, int p, int end, char c1, char c2, char c3, char c4) {
        return p + 4 <= end && b[p] == c1 && b[p + 1] == c2 && b[p + 2] == c3 && b[p + 3] == c4;
    }
}
