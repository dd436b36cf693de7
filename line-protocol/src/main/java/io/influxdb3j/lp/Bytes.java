package io.influxdb3j.lp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Word-at-a-time (SWAR) helpers over byte arrays for the parser's hot path. Words are read little
 * endian, so the first byte of a run is the lowest byte of the word.
 */
final class Bytes {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;
    static final long HASH_SEED = 0x2545F4914F6CDD1DL;

    private Bytes() {
    }

    static long readLong(byte[] a, int index) {
        return (long) LONG_LE.get(a, index);
    }

    /** A word with {@code c} in every byte, for {@link #matches}. */
    static long broadcast(int c) {
        return (c & 0xFFL) * ONES;
    }

    /**
     * High bit set in each byte of {@code word} equal to the broadcast byte. Bytes above a true match may
     * also be flagged (borrow), so only the lowest flagged byte is exact, which is all the callers use.
     */
    static long matches(long word, long broadcast) {
        long x = word ^ broadcast;
        return (x - ONES) & ~x & HIGHS;
    }

    /** Like {@link #matches}, for bytes below {@code 0x21}: space, tab, newline and other controls. */
    static long belowExclamationMark(long word) {
        return (word - 0x2121212121212121L) & ~word & HIGHS;
    }

    /** How many of the word's bytes, from the first, are ASCII digits (0 to 8). */
    static int leadingDigits(long word) {
        return Long.numberOfTrailingZeros(nonDigits(word)) >>> 3;
    }

    /**
     * High bit set in each byte of {@code word} that is not an ASCII digit. Exact up to and including the
     * first byte at or above {@code 0x80}: only such a byte can carry into the byte above it (and so flag
     * a digit there); ASCII bytes never carry.
     */
    static long nonDigits(long word) {
        long x = word ^ 0x3030303030303030L;
        // A byte is not a digit if x >= 10: adding 0x76 sets its high bit, or x had it already. Only a
        // byte with x >= 0x8A (not ASCII) carries into the byte above, and such a byte is flagged itself.
        return ((x + 0x7676767676767676L) | x) & HIGHS;
    }

    /** The value of the first {@code n} (1 to 8) bytes of the word, all ASCII digits. */
    static long digitsValue(long word, int n) {
        // Shift the digits to the top so the empty low bytes act as leading zeros, then combine pairs,
        // quads and octets (first digit most significant).
        long x = (word & 0x0F0F0F0F0F0F0F0FL) << ((8 - n) << 3);
        x = (x * 10 + (x >>> 8)) & 0x00FF00FF00FF00FFL;
        x = (x * 100 + (x >>> 16)) & 0x0000FFFF0000FFFFL;
        return (x * 10000 + (x >>> 32)) & 0xFFFFFFFFL;
    }

    /**
     * Hash of the bytes {@code [from, to)}: {@link #HASH_SEED} mixed with each 8-byte chunk from
     * {@code from} (the last one zero-extended), then {@link #finishHash} with the length. The parser's
     * word scan computes the same value on the fly, so both must stay in step.
     */
    static long hash(byte[] a, int from, int to) {
        long h = HASH_SEED;
        int i = from;
        while (i + 8 <= to) {
            h = mix(h ^ readLong(a, i));
            i += 8;
        }
        if (i < to) {
            h = mix(h ^ tail(a, i, to));
        }
        return finishHash(h, to - from);
    }

    /** The bytes {@code [from, to)}, fewer than eight, as the low bytes of a word. */
    static long tail(byte[] a, int from, int to) {
        int rest = to - from;
        if (to >= 8) {
            // Read the word that ends at 'to' and drop the bytes before 'from': no byte loop.
            return readLong(a, to - 8) >>> ((8 - rest) << 3);
        }
        long t = 0;
        for (int k = rest - 1; k >= 0; k--) {
            t = (t << 8) | (a[from + k] & 0xFFL);
        }
        return t;
    }

    static long mix(long x) {
        long h = x * MULTIPLIER;
        return h ^ (h >>> 29);
    }

    static long finishHash(long h, int length) {
        h = (h ^ length) * MULTIPLIER;
        return h ^ (h >>> 32);
    }

    /** The 64-bit finaliser of MurmurHash3: spreads every input bit over the whole word. */
    static long finish(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
