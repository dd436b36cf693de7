package io.influxdb3j.lp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small cache from byte content to the decoded {@link String}, so that names and tag values repeated
 * on every line are decoded once per parser instead of once per line. Not thread-safe (one per parser).
 *
 * <p>Two-way set associative: the top bits of the content's hash pick a pair of slots; a miss puts the
 * new content in the pair's first slot and moves the previous occupant to the second, so two hot names
 * that share a pair do not evict each other on every line, and hits write nothing.
 *
 * <p>A hit is checked byte for byte, never trusted to the hash. Each slot is four longs in one array:
 *
 * <pre>
 * +------+--------+-------------+--------------+
 * | hash | length | bytes 0..7  | bytes 8..15  |   content of up to 16 bytes, as little-endian words
 * +------+--------+-------------+--------------+   (longer content is compared from a byte array)
 * </pre>
 *
 * so both slots of a pair usually share one cache line.
 */
final class StringCache {
    private static final int WORD_BYTES = 16;
    private static final int STRIDE = 4;

    private final int shift;
    private final int maxLength;
    private final long[] table;
    private final String[] strings;
    private final byte[][] longContents;

    StringCache(int slots, int maxLength) {
        if (Integer.bitCount(slots) != 1 || slots < 2) {
            throw new IllegalArgumentException("slots must be a power of two of at least 2, got " + slots);
        }
        this.shift = 64 - Integer.numberOfTrailingZeros(slots);
        this.maxLength = maxLength;
        this.table = new long[slots * STRIDE];
        this.strings = new String[slots];
        this.longContents = new byte[slots][];
    }

    /** The string for {@code a[from, to)}, whose {@link Bytes#hash} is {@code hash}. */
    String get(byte[] a, int from, int to, long hash) {
        int length = to - from;
        if (length > maxLength) {
            return new String(a, from, length, StandardCharsets.UTF_8);
        }
        // The hash's top bits depend on every input byte (its low bits do not); even slot of a pair.
        int slot = (int) (hash >>> shift) & ~1;
        long[] t = table;
        int i = slot * STRIDE;
        if (length <= WORD_BYTES) {
            long first = word(a, from, to);
            long second = length > 8 ? word(a, from + 8, to) : 0;
            // An empty slot has length 0, which no content has.
            if (t[i] == hash && t[i + 1] == length && t[i + 2] == first && t[i + 3] == second) {
                return strings[slot];
            }
            if (t[i + 4] == hash && t[i + 5] == length && t[i + 6] == first && t[i + 7] == second) {
                return strings[slot + 1];
            }
            String s = new String(a, from, length, StandardCharsets.UTF_8);
            insert(slot, hash, length, first, second, null, s);
            return s;
        }
        if (t[i] == hash && t[i + 1] == length && Arrays.equals(longContents[slot], 0, length, a, from, to)) {
            return strings[slot];
        }
        if (t[i + 4] == hash && t[i + 5] == length && Arrays.equals(longContents[slot + 1], 0, length, a, from, to)) {
            return strings[slot + 1];
        }
        byte[] copy = Arrays.copyOfRange(a, from, to);
        String s = new String(copy, StandardCharsets.UTF_8);
        insert(slot, hash, length, 0, 0, copy, s);
        return s;
    }

    private void insert(int slot, long hash, int length, long first, long second, byte[] content, String s) {
        long[] t = table;
        int i = slot * STRIDE;
        System.arraycopy(t, i, t, i + STRIDE, STRIDE);
        strings[slot + 1] = strings[slot];
        longContents[slot + 1] = longContents[slot];
        t[i] = hash;
        t[i + 1] = length;
        t[i + 2] = first;
        t[i + 3] = second;
        strings[slot] = s;
        longContents[slot] = content;
    }

    /** Up to eight bytes from {@code from} (not past {@code to}) as the low bytes of a word. */
    private static long word(byte[] a, int from, int to) {
        return to - from >= 8 ? Bytes.readLong(a, from) : Bytes.tail(a, from, to);
    }
}
