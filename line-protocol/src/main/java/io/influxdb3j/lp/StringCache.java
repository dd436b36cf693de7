package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A direct-mapped cache from byte content to the decoded {@link String}, so that names and tag values
 * repeated on every line are decoded once per parser instead of once per line. A slot holds the last
 * content that hashed to it; a miss simply replaces it. Not thread-safe (one per parser).
 *
 * <p>A hit is checked byte for byte, never trusted to the hash. Content of up to 16 bytes (most names)
 * is kept as two little-endian words and compared as such; longer content as a byte array.
 */
final class StringCache {
    private static final int WORD_BYTES = 16;

    private final int mask;
    private final int maxLength;
    private final long[] hashes;
    private final int[] lengths;
    private final long[] firstWords;
    private final long[] secondWords;
    private final byte[][] longContents;
    private final String[] strings;

    StringCache(int slots, int maxLength) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, got " + slots);
        }
        this.mask = slots - 1;
        this.maxLength = maxLength;
        this.hashes = new long[slots];
        this.lengths = new int[slots];
        this.firstWords = new long[slots];
        this.secondWords = new long[slots];
        this.longContents = new byte[slots][];
        this.strings = new String[slots];
    }

    /** The string for {@code a[from, to)}, whose {@link Bytes#hash} is {@code hash}. */
    String get(byte[] a, int from, int to, long hash) {
        int length = to - from;
        if (length > maxLength) {
            return new String(a, from, length, StandardCharsets.UTF_8);
        }
        int slot = (int) (hash ^ (hash >>> 32)) & mask;
        String cached = strings[slot];
        if (length <= WORD_BYTES) {
            long first = word(a, from, to);
            long second = length > 8 ? word(a, from + 8, to) : 0;
            if (cached != null && hashes[slot] == hash && lengths[slot] == length
                    && firstWords[slot] == first && secondWords[slot] == second) {
                return cached;
            }
            String s = new String(a, from, length, StandardCharsets.UTF_8);
            hashes[slot] = hash;
            lengths[slot] = length;
            firstWords[slot] = first;
            secondWords[slot] = second;
            longContents[slot] = null;
            strings[slot] = s;
            return s;
        }
        byte[] content = longContents[slot];
        if (cached != null && content != null && hashes[slot] == hash
                && Arrays.equals(content, 0, content.length, a, from, to)) {
            return cached;
        }
        byte[] copy = Arrays.copyOfRange(a, from, to);
        String s = new String(copy, StandardCharsets.UTF_8);
        hashes[slot] = hash;
        lengths[slot] = length;
        longContents[slot] = copy;
        strings[slot] = s;
        return s;
    }

    /** Up to eight bytes from {@code from} (not past {@code to}) as the low bytes of a word. */
    private static long word(byte[] a, int from, int to) {
        return to - from >= 8 ? Bytes.readLong(a, from) : Bytes.tail(a, from, to);
    }
}
