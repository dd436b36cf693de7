package io.influxdb3j.lp;

import java.util.Arrays;

/**
 * Tag sets already parsed, by their raw bytes: a line whose tag set (the bytes from after the
 * measurement's comma to the first space) is byte for byte one seen before gets that parse's tags: their
 * hashes and their Strings, without scanning, hashing or looking up each tag again. Request bodies
 * repeat the same series over and over, so most lines hit. Not thread-safe (one per parser).
 *
 * <p>Only tag sets without backslashes or control bytes, of at most {@link #MAX_BYTES} bytes and
 * {@link #MAX_TAGS} tags, that parsed without error are kept. Such bytes followed by a space always
 * parse the same way, whatever comes after. Four-way set associative (see {@link #put}); a hit is
 * checked byte for byte, never trusted to the hash.
 */
final class SeriesCache {
    static final int MAX_BYTES = 1024;
    static final int MAX_TAGS = 64;
    /** Entries per set. */
    static final int WAYS = 4;

    /** One tag set: its own copy of its bytes ({@link #raw}), its tags' hashes and Strings. */
    static final class Entry {
        byte[] raw = new byte[128];
        int length;
        long hash;
        int tagCount;
        /** Tag {@code i}'s key hash at {@code 2i}, its value hash at {@code 2i + 1}. */
        long[] tagHashes = new long[32];
        /**
         * The tag keys as Strings, exactly {@link #tagCount} long and never written after {@link #put}:
         * entries with the same keys in the same order share one array, so reading them stays in cache.
         */
        String[] keys;
        String[] values = new String[16];
    }

    /** The hash of the tag set found by the last {@link #scan}, for {@link #find} and {@link #put}. */
    long scannedHash;

    /** The keys of the last entry put, to share with the next entry if they are the same. */
    private String[] lastKeys = new String[0];

    private final int shift;
    private final long[] hashes;
    private final Entry[] entries;

    SeriesCache(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < WAYS) {
            throw new IllegalArgumentException("slots must be a power of two of at least " + WAYS + ", got " + slots);
        }
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
        this.hashes = new long[slots];
        this.entries = new Entry[slots];
    }

    /**
     * Where the tag set starting at {@code p} ends if it is one the series cache may hold: the first
     * space, with no other byte below {@code '!'} before it, within {@link #MAX_BYTES}; -1
     * otherwise. Backslashes are not looked for: the cache holds no tag set with one, so one that has a
     * backslash is never found, only parsed (and not kept). Hashes the bytes on the way into {@link
     * #scannedHash} (two lanes, so the multiplies do not wait on each other).
     */
    int scan(byte[] b, int p, int end) {
        int start = p;
        int limit = Math.min(end, p + MAX_BYTES) - 16;
        long h1 = Bytes.HASH_SEED;
        long h2 = 0x6A09E667F3BCC909L;
        while (p <= limit) {
            long word = Bytes.readLong(b, p);
            long hits = Bytes.belowExclamationMark(word);
            if (hits != 0) {
                int n = Long.numberOfTrailingZeros(hits) >>> 3;
                if (((word >>> (n << 3)) & 0xFF) != ' ') {
                    return -1;
                }
                h1 = (h1 ^ (word & ~(-1L << (n << 3)))) * 0x9E3779B97F4A7C15L;
                scannedHash = Bytes.finish(h1 ^ Long.rotateLeft(h2, 29) ^ (p + n - start));
                return p + n;
            }
            h1 = (h1 ^ word) * 0x9E3779B97F4A7C15L;
            word = Bytes.readLong(b, p + 8);
            hits = Bytes.belowExclamationMark(word);
            if (hits != 0) {
                int n = Long.numberOfTrailingZeros(hits) >>> 3;
                if (((word >>> (n << 3)) & 0xFF) != ' ') {
                    return -1;
                }
                h2 = (h2 ^ (word & ~(-1L << (n << 3)))) * 0xC2B2AE3D27D4EB4FL;
                scannedHash = Bytes.finish(h1 ^ Long.rotateLeft(h2, 29) ^ (p + 8 + n - start));
                return p + 8 + n;
            }
            h2 = (h2 ^ word) * 0xC2B2AE3D27D4EB4FL;
            p += 16;
        }
        return -1;
    }

    /**
     * The entry for {@code b[from, to)}, whose {@link #hash} is {@code hash}, or null. A hit in any but the
     * set's first way swaps places with the way before it, so entries in use drift to the front.
     */
    Entry find(byte[] b, int from, int to, long hash) {
        int set = (int) (hash >>> shift) & -WAYS;
        long[] h = hashes;
        for (int w = 0; w < WAYS; w++) {
            int slot = set + w;
            if (h[slot] == hash) {
                Entry e = entries[slot];
                int length = to - from;
                if (e != null && e.length == length && Arrays.equals(e.raw, 0, length, b, from, to)) {
                    if (w > 0) {
                        entries[slot] = entries[slot - 1];
                        h[slot] = h[slot - 1];
                        entries[slot - 1] = e;
                        h[slot - 1] = hash;
                    }
                    return e;
                }
            }
        }
        return null;
    }

    /**
     * Keeps the tag set {@code b[from, to)} as the line parsed it: its tags' hashes, and their keys and
     * values as Strings. The line must not have come from the cache itself.
     */
    void put(byte[] b, int from, int to, long hash, ParsedLine line) {
        int n = line.tagCount;
        // A new tag set takes the set's first empty way, else its last way (the one used least lately, as
        // hits move entries forward): the entries in use stay when more tag sets cycle through one set
        // than it has ways.
        int set = (int) (hash >>> shift) & -WAYS;
        int slot = set;
        while (slot < set + WAYS - 1 && entries[slot] != null) {
            slot++;
        }
        Entry e = entries[slot];
        if (e == null) {
            e = new Entry();
        }
        int length = to - from;
        if (e.raw.length < length) {
            e.raw = new byte[Math.max(length, e.raw.length * 2)];
        }
        System.arraycopy(b, from, e.raw, 0, length);
        if (e.values.length < n) {
            int size = Math.max(n, e.values.length * 2);
            e.tagHashes = new long[2 * size];
            e.values = new String[size];
        }
        long[] tagHashes = e.tagHashes;
        for (int i = 0; i < n; i++) {
            tagHashes[2 * i] = line.tagKeyHash[i];
            tagHashes[2 * i + 1] = line.tagValueHash[i];
        }
        e.length = length;
        e.hash = hash;
        e.tagCount = n;
        e.keys = sharedKeys(line, n);
        for (int i = 0; i < n; i++) {
            e.values[i] = line.tagValue(i);
        }
        entries[slot] = e;
        hashes[slot] = hash;
    }

    /** The line's tag keys, as the array {@link #lastKeys} if it holds the same Strings. */
    private String[] sharedKeys(ParsedLine line, int n) {
        String[] last = lastKeys;
        boolean same = last.length == n;
        for (int i = 0; same && i < n; i++) {
            same = line.tagKey(i) == last[i];
        }
        if (!same) {
            last = new String[n];
            for (int i = 0; i < n; i++) {
                last[i] = line.tagKey(i);
            }
            lastKeys = last;
        }
        return last;
    }
}
