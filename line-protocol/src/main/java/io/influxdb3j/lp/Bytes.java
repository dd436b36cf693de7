package io.influxdb3j.lp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Word-at-a-time helpers over byte arrays for the parser's hot path. */
final class Bytes {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long MULTIPLIER = 0x9E3779B97F4A7C15L;

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

    /**
     * Hash of the bytes {@code [from, to)}. Equal content gives an equal hash wherever it lies, so the
     * same name hashes alike in the request body and in the unescaping arena.
     */
    static long hash(byte[] a, int from, int to) {
        int length = to - from;
        long h = (length + 1) * MULTIPLIER;
        int i = from;
        while (i + 8 <= to) {
            h = mix(h ^ readLong(a, i));
            i += 8;
        }
        int rest = to - i;
        if (rest > 0) {
            long tail;
            if (to >= 8) {
                // Read the word that ends at 'to' and drop the bytes before 'i': no byte loop, no overrun.
                tail = readLong(a, to - 8) >>> ((8 - rest) << 3);
            } else {
                tail = 0;
                for (int k = rest - 1; k >= 0; k--) {
                    tail = (tail << 8) | (a[i + k] & 0xFFL);
                }
            }
            h = mix(h ^ tail);
        }
        return h ^ (h >>> 31);
    }

    static long mix(long x) {
        long h = x * MULTIPLIER;
        return h ^ (h >>> 29);
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
