package io.influxdb3j.lp;

import java.util.Arrays;

/**
 * The name last seen at each position of a line (the measurement, tag key {@code i}, field key
 * {@code i}), so that a name repeated at the same position on the next line is recognised with one or
 * two word compares instead of a byte scan, a hash and a cache lookup. Lines of one body nearly always
 * repeat their keys in the same order.
 *
 * <p>Only names of 1 to 16 raw bytes without escapes are kept. A slot holds the name's bytes as two
 * little-endian words (the first eight, zero-extended; and the last eight when longer than eight), its
 * length (0 for an empty slot), its {@link Bytes#hash} and, once some line asked for it, its String.
 * A slot is only ever filled from a scan of the same kind of component, so the bytes contain none of
 * that component's stop bytes: the same bytes followed by a stop byte are the same name.
 */
final class NameMemo {
    static final int MAX_LENGTH = 16;

    long[] first;
    long[] last;
    long[] hash;
    int[] length;
    String[] string;
    /** The first this many slots are known to hold pairwise different names (kept by the parser). */
    int distinct;

    NameMemo(int slots) {
        first = new long[slots];
        last = new long[slots];
        hash = new long[slots];
        length = new int[slots];
        string = new String[slots];
    }

    /**
     * Where the name in {@code slot} ends if {@code b} holds it at {@code p}, else -1. Needs sixteen
     * readable bytes from {@code p} before {@code end}, so the byte after the name can be checked too.
     */
    int match(int slot, byte[] b, int p, int end) {
        if (slot >= length.length || p + MAX_LENGTH >= end) {
            return -1;
        }
        int n = length[slot];
        if (n == 0) {
            return -1;
        }
        long x = Bytes.readLong(b, p);
        if (n <= 8) {
            return (x & (-1L >>> ((8 - n) << 3))) == first[slot] ? p + n : -1;
        }
        return x == first[slot] && Bytes.readLong(b, p + n - 8) == last[slot] ? p + n : -1;
    }

    /** Keeps {@code b[start, end)} with its hash in {@code slot}; false if it is not kept (too long). */
    boolean remember(int slot, byte[] b, int start, int end, long h) {
        int n = end - start;
        if (n > MAX_LENGTH || n <= 0) {
            return false;
        }
        if (slot >= length.length) {
            grow(slot + 1);
        }
        first[slot] = n >= 8 ? Bytes.readLong(b, start) : Bytes.tail(b, start, end);
        last[slot] = n > 8 ? Bytes.readLong(b, end - 8) : 0;
        hash[slot] = h;
        length[slot] = n;
        string[slot] = null;
        distinct = Math.min(distinct, slot);
        return true;
    }

    private void grow(int needed) {
        int n = Math.max(needed, length.length * 2);
        first = Arrays.copyOf(first, n);
        last = Arrays.copyOf(last, n);
        hash = Arrays.copyOf(hash, n);
        length = Arrays.copyOf(length, n);
        string = Arrays.copyOf(string, n);
    }
}
