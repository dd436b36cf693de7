package io.influxdb3j.lp;

import java.util.Arrays;

/**
 * Tag sets already parsed, by their raw bytes: a line whose tag set (the bytes from after the
 * measurement's comma to the first space) is byte for byte one seen before gets that parse's tags, their
 * hashes and, once asked for, their Strings, without scanning or hashing each tag again. Request bodies
 * repeat the same series over and over, so most lines hit. Not thread-safe (one per parser).
 *
 * <p>Only tag sets without backslashes or control bytes, of at most {@link #MAX_BYTES} bytes and
 * {@link #MAX_TAGS} tags, that parsed without error are kept. Such bytes followed by a space always
 * parse the same way, whatever comes after. Two-way set associative, as {@link StringCache}; a hit is
 * checked byte for byte, never trusted to the hash.
 */
final class SeriesCache {
    static final int MAX_BYTES = 1024;
    static final int MAX_TAGS = 64;

    /** One tag set. Positions are into {@link #raw}, the tag set's own copy of its bytes. */
    static final class Entry {
        byte[] raw = new byte[128];
        int length;
        long hash;
        int tagCount;
        int[] keyStart = new int[16];
        int[] keyEnd = new int[16];
        int[] valueStart = new int[16];
        int[] valueEnd = new int[16];
        long[] keyHash = new long[16];
        long[] valueHash = new long[16];
        String[] keys = new String[16];
        String[] values = new String[16];
    }

    private final int shift;
    private final long[] hashes;
    private final Entry[] entries;

    SeriesCache(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < 2) {
            throw new IllegalArgumentException("slots must be a power of two of at least 2, got " + slots);
        }
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
        this.hashes = new long[slots];
        this.entries = new Entry[slots];
    }

    /** The entry for {@code b[from, to)}, whose {@link #hash} is {@code hash}, or null. */
    Entry find(byte[] b, int from, int to, long hash) {
        int slot = (int) (hash >>> shift) & ~1;
        int length = to - from;
        if (hashes[slot] == hash) {
            Entry e = entries[slot];
            if (e != null && e.length == length && Arrays.equals(e.raw, 0, length, b, from, to)) {
                return e;
            }
        }
        if (hashes[slot + 1] == hash) {
            Entry e = entries[slot + 1];
            if (e != null && e.length == length && Arrays.equals(e.raw, 0, length, b, from, to)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Keeps the tag set {@code b[from, to)} as the line parsed it (its tags, with positions in the body),
     * evicting the older entry of its pair; its String slots start empty.
     */
    void put(byte[] b, int from, int to, long hash, ParsedLine line) {
        int n = line.tagCount;
        int slot = (int) (hash >>> shift) & ~1;
        Entry e = entries[slot + 1];
        entries[slot + 1] = entries[slot];
        hashes[slot + 1] = hashes[slot];
        if (e == null) {
            e = new Entry();
        }
        int length = to - from;
        if (e.raw.length < length) {
            e.raw = new byte[Math.max(length, e.raw.length * 2)];
        }
        System.arraycopy(b, from, e.raw, 0, length);
        if (e.keyStart.length < n) {
            int size = Math.max(n, e.keyStart.length * 2);
            e.keyStart = new int[size];
            e.keyEnd = new int[size];
            e.valueStart = new int[size];
            e.valueEnd = new int[size];
            e.keyHash = new long[size];
            e.valueHash = new long[size];
            e.keys = new String[size];
            e.values = new String[size];
        }
        for (int i = 0; i < n; i++) {
            e.keyStart[i] = line.tagKeyStart[i] - from;
            e.keyEnd[i] = line.tagKeyEnd[i] - from;
            e.valueStart[i] = line.tagValueStart[i] - from;
            e.valueEnd[i] = line.tagValueEnd[i] - from;
        }
        System.arraycopy(line.tagKeyHash, 0, e.keyHash, 0, n);
        System.arraycopy(line.tagValueHash, 0, e.valueHash, 0, n);
        Arrays.fill(e.keys, 0, n, null);
        Arrays.fill(e.values, 0, n, null);
        e.length = length;
        e.hash = hash;
        e.tagCount = n;
        entries[slot] = e;
        hashes[slot] = hash;
    }
}
