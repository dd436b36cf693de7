package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One parsed line, as a view over the request body. The parser reuses a single instance per body, so it
 * is only valid during {@link LineSink#onLine}. Nothing is decoded until asked for: names come from the
 * parser's string caches, numbers are already parsed, strings are decoded on each call.
 *
 * <p>Every component is a byte range either in the request body or, when the text had escapes, in a
 * per-line arena holding the unescaped bytes; its hash over the unescaped bytes is computed while parsing
 * (it serves the caches, duplicate-field detection and {@link #seriesHash()}).
 */
public final class ParsedLine {
    private static final FieldKind[] KINDS = FieldKind.values();

    private final StringCache nameCache;
    private final StringCache tagValueCache;

    byte[] body;
    byte[] arena = new byte[256];
    int arenaLength;

    int lineNumber;
    int lineStart;
    int lineEnd;

    // Measurement: range, in arena?, hash.
    int measurementStart;
    int measurementEnd;
    boolean measurementInArena;
    /** The measurement is the one in {@link #measurementMemo}'s slot 0. */
    boolean measurementMemoized;
    long measurementHash;

    int tagCount;
    int[] tagKeyStart = new int[16];
    int[] tagKeyEnd = new int[16];
    int[] tagValueStart = new int[16];
    int[] tagValueEnd = new int[16];
    long[] tagKeyHash = new long[16];
    long[] tagValueHash = new long[16];
    /** Bit 0: key in arena; bit 1: value in arena; bit 2 ({@link #MEMOIZED}): key in {@link #tagKeyMemo}. */
    byte[] tagFlags = new byte[16];

    int fieldCount;
    /** Key range and hash, for keys without {@link #MEMOIZED} (read through {@link #fieldKeyStart(int)} etc.). */
    int[] fieldKeyStart = new int[16];
    int[] fieldKeyEnd = new int[16];
    long[] fieldKeyHash = new long[16];
    /** Where the field starts in the body, for error positions. */
    int[] fieldPosition = new int[16];
    /**
     * Bit 0: key in arena; bit 1: string value in arena; bit 2 ({@link #MEMOIZED}): key in {@link
     * #fieldKeyMemo}; bits 3 and up ({@link #KIND_SHIFT}): the {@link FieldKind} ordinal. Not written
     * for the first {@link #leadingFloatFields} fields: read through {@link #flags(int)}.
     */
    byte[] fieldFlags = new byte[16];
    /**
     * The first this many fields are memoized floats ({@link #MEMOIZED_FLOAT}) from the parser's
     * field shortcut, which does not store their flags (a byte store per field costs it dearly).
     */
    int leadingFloatFields;
    /** Number bits (double as raw long bits, booleans as 0/1), or for strings {@code start << 32 | end}. */
    long[] fieldBits = new long[16];

    boolean hasTimestamp;
    long timestamp;

    /** The tag set, when it came from the parser's series cache: then the tags are read from there. */
    SeriesCache.Entry series;

    /** Flag bit: the name is the one in its position's memo slot, whose String is kept there. */
    static final int MEMOIZED = 4;
    /** Where a field's kind starts in its flags. */
    static final int KIND_SHIFT = 3;
    /** The flags of a float field whose key is in its memo slot. */
    static final byte MEMOIZED_FLOAT = (byte) (MEMOIZED | FieldKind.FLOAT.ordinal() << KIND_SHIFT);
    final NameMemo measurementMemo = new NameMemo(1);
    final NameMemo tagKeyMemo = new NameMemo(16);
    final NameMemo fieldKeyMemo = new NameMemo(16);

    ParsedLine(StringCache nameCache, StringCache tagValueCache) {
        this.nameCache = nameCache;
        this.tagValueCache = tagValueCache;
    }

    /** 1-based, counting only lines that are neither blank nor comments. */
    public int lineNumber() {
        return lineNumber;
    }

    public String measurement() {
        if (measurementMemoized) {
            String s = measurementMemo.string[0];
            return s != null ? s : decodeMemoized(measurementMemo, 0, measurementStart, measurementEnd, measurementHash);
        }
        return nameCache.get(measurementInArena ? arena : body, measurementStart, measurementEnd, measurementHash);
    }

    /**
     * A memoized name (always in the body) whose String no line has asked for yet: it is decoded once.
     * Callers check the memo's String first and only then compute these arguments.
     */
    private String decodeMemoized(NameMemo memo, int slot, int start, int end, long hash) {
        String s = nameCache.get(body, start, end, hash);
        memo.string[slot] = s;
        return s;
    }

    public int tagCount() {
        return tagCount;
    }

    public String tagKey(int i) {
        Objects.checkIndex(i, tagCount);
        SeriesCache.Entry e = series;
        if (e != null) {
            return e.keys[i];
        }
        if ((tagFlags[i] & MEMOIZED) != 0) {
            String s = tagKeyMemo.string[i];
            return s != null ? s : decodeMemoized(tagKeyMemo, i, tagKeyStart[i], tagKeyEnd[i], tagKeyHash[i]);
        }
        return nameCache.get((tagFlags[i] & 1) != 0 ? arena : body, tagKeyStart[i], tagKeyEnd[i], tagKeyHash[i]);
    }

    public String tagValue(int i) {
        Objects.checkIndex(i, tagCount);
        SeriesCache.Entry e = series;
        if (e != null) {
            return e.values[i];
        }
        return tagValueCache.get((tagFlags[i] & 2) != 0 ? arena : body, tagValueStart[i], tagValueEnd[i], tagValueHash[i]);
    }

    public int fieldCount() {
        return fieldCount;
    }

    public String fieldKey(int i) {
        Objects.checkIndex(i, fieldCount);
        if ((flags(i) & MEMOIZED) != 0) {
            String s = fieldKeyMemo.string[i];
            return s != null ? s : decodeMemoized(fieldKeyMemo, i, fieldPosition[i], fieldKeyEnd(i), fieldKeyMemo.hash[i]);
        }
        return nameCache.get((flags(i) & 1) != 0 ? arena : body, fieldKeyStart[i], fieldKeyEnd[i], fieldKeyHash[i]);
    }

    public FieldKind fieldKind(int i) {
        Objects.checkIndex(i, fieldCount);
        return KINDS[flags(i) >>> KIND_SHIFT];
    }

    public double floatValue(int i) {
        requireKind(i, FieldKind.FLOAT);
        return Double.longBitsToDouble(fieldBits[i]);
    }

    /** The value of an {@link FieldKind#INTEGER} field, or the bits of an {@link FieldKind#UINTEGER} one. */
    public long longValue(int i) {
        Objects.checkIndex(i, fieldCount);
        int kind = flags(i) >>> KIND_SHIFT;
        if (kind != FieldKind.INTEGER.ordinal() && kind != FieldKind.UINTEGER.ordinal()) {
            throw wrongKind(i, "INTEGER or UINTEGER");
        }
        return fieldBits[i];
    }

    public boolean booleanValue(int i) {
        requireKind(i, FieldKind.BOOLEAN);
        return fieldBits[i] != 0;
    }

    public String stringValue(int i) {
        requireKind(i, FieldKind.STRING);
        long bits = fieldBits[i];
        int start = (int) (bits >>> 32);
        int end = (int) bits;
        return new String((flags(i) & 2) != 0 ? arena : body, start, end - start, StandardCharsets.UTF_8);
    }

    public boolean hasTimestamp() {
        return hasTimestamp;
    }

    /** The timestamp as written, in the request's precision; meaningful only if {@link #hasTimestamp()}. */
    public long timestamp() {
        return timestamp;
    }

    /** The raw text of the line, without its line ending. */
    public String originalLine() {
        return new String(body, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /**
     * A 64-bit hash of the measurement and the tag set, independent of tag order: equal series (after
     * unescaping) always hash alike; different series collide with a probability near 2^-64 per pair.
     * It is not cryptographic: use it to find candidate duplicates, then compare.
     */
    public long seriesHash() {
        long tags = 0;
        SeriesCache.Entry e = series;
        for (int i = 0; i < tagCount; i++) {
            long keyHash = e != null ? e.tagHashes[2 * i] : tagKeyHash[i];
            long valueHash = e != null ? e.tagHashes[2 * i + 1] : tagValueHash[i];
            // Summing keeps the result independent of tag order; mixing each pair first keeps
            // a=1,b=2 apart from a=2,b=1.
            tags += Bytes.finish(keyHash * 0xC2B2AE3D27D4EB4FL + valueHash);
        }
        return Bytes.finish(measurementHash ^ Bytes.mix(tags + tagCount));
    }

    /** This line re-serialised as line protocol (see {@link LineProtocolWriter#toLineProtocol}). */
    @Override
    public String toString() {
        return LineProtocolWriter.toLineProtocol(this);
    }

    // ---- used by the parser ----

    void reset(byte[] body, int lineNumber, int lineStart, int lineEnd) {
        this.body = body;
        this.lineNumber = lineNumber;
        this.lineStart = lineStart;
        this.lineEnd = lineEnd;
        this.arenaLength = 0;
        this.series = null;
        this.tagCount = 0;
        this.fieldCount = 0;
        this.leadingFloatFields = 0;
        this.hasTimestamp = false;
        this.timestamp = 0;
    }

    /** Field {@code i}'s flags (see {@link #fieldFlags}). */
    byte flags(int i) {
        return i < leadingFloatFields ? MEMOIZED_FLOAT : fieldFlags[i];
    }

    /** Makes room for {@code extra} more unescaped bytes in the arena. */
    void ensureArena(int extra) {
        int needed = arenaLength + extra;
        if (needed > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(needed, arena.length * 2));
        }
    }

    void ensureTagCapacity() {
        if (tagCount == tagKeyStart.length) {
            int n = tagCount * 2;
            tagKeyStart = Arrays.copyOf(tagKeyStart, n);
            tagKeyEnd = Arrays.copyOf(tagKeyEnd, n);
            tagValueStart = Arrays.copyOf(tagValueStart, n);
            tagValueEnd = Arrays.copyOf(tagValueEnd, n);
            tagKeyHash = Arrays.copyOf(tagKeyHash, n);
            tagValueHash = Arrays.copyOf(tagValueHash, n);
            tagFlags = Arrays.copyOf(tagFlags, n);
        }
    }

    void ensureFieldCapacity() {
        if (fieldCount == fieldKeyStart.length) {
            int n = fieldCount * 2;
            fieldKeyStart = Arrays.copyOf(fieldKeyStart, n);
            fieldKeyEnd = Arrays.copyOf(fieldKeyEnd, n);
            fieldKeyHash = Arrays.copyOf(fieldKeyHash, n);
            fieldPosition = Arrays.copyOf(fieldPosition, n);
            fieldFlags = Arrays.copyOf(fieldFlags, n);
            fieldBits = Arrays.copyOf(fieldBits, n);
        }
    }

    /** Whether field keys {@code i} and {@code j} have the same unescaped bytes. */
    boolean sameFieldKey(int i, int j) {
        byte[] a = (flags(i) & 1) != 0 ? arena : body;
        byte[] b = (flags(j) & 1) != 0 ? arena : body;
        return Arrays.equals(a, fieldKeyStart(i), fieldKeyEnd(i), b, fieldKeyStart(j), fieldKeyEnd(j));
    }

    // A memoized field key (flag MEMOIZED) is not stored in fieldKeyStart/End/Hash: it is the name in its
    // position's slot of fieldKeyMemo, starting where the field starts.

    int fieldKeyStart(int i) {
        return (flags(i) & MEMOIZED) != 0 ? fieldPosition[i] : fieldKeyStart[i];
    }

    int fieldKeyEnd(int i) {
        return (flags(i) & MEMOIZED) != 0 ? fieldPosition[i] + fieldKeyMemo.length[i] : fieldKeyEnd[i];
    }

    long fieldKeyHash(int i) {
        return (flags(i) & MEMOIZED) != 0 ? fieldKeyMemo.hash[i] : fieldKeyHash[i];
    }

    private void requireKind(int i, FieldKind kind) {
        Objects.checkIndex(i, fieldCount);
        if (flags(i) >>> KIND_SHIFT != kind.ordinal()) {
            throw wrongKind(i, kind.name());
        }
    }

    private IllegalStateException wrongKind(int i, String expected) {
        return new IllegalStateException("field '" + fieldKey(i) + "' is " + KINDS[flags(i) >>> KIND_SHIFT] + ", not " + expected);
    }
}
