package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A direct-mapped cache from byte content to the decoded {@link String}, so that names and tag values
 * repeated on every line are decoded once per parser instead of once per line. A slot holds the last
 * content that hashed to it; a miss simply replaces it. Not thread-safe (one per parser).
 */
final class StringCache {
    private final int mask;
    private final int maxLength;
    private final long[] hashes;
    private final byte[][] contents;
    private final String[] strings;

    StringCache(int slots, int maxLength) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        this.mask = slots - 1;
        this.maxLength = maxLength;
        this.hashes = new long[slots];
        this.contents = new byte[slots][];
        this.strings = new String[slots];
    }

    /** The string for {@code a[from, to)}, whose {@link Bytes#hash} is {@code hash}. */
    String get(byte[] a, int from, int to, long hash) {
        int length = to - from;
        if (length > maxLength) {
            return new String(a, from, length, StandardCharsets.UTF_8);
        }
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        byte[] cached = contents[slot];
        if (cached != null && hashes[slot] == hash && Arrays.equals(cached, 0, cached.length, a, from, to)) {
            return strings[slot];
        }
        byte[] copy = Arrays.copyOfRange(a, from, to);
        String s = new String(copy, StandardCharsets.UTF_8);
        hashes[slot] = hash;
        contents[slot] = copy;
        strings[slot] = s;
        return s;
    }
}
