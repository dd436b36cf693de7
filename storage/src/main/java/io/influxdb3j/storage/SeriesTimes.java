package io.influxdb3j.storage;

/**
 * The newest time seen per series (keyed by a 64-bit series hash), without boxing: an
 * open-addressing table with linear probing. A hash collision only makes the buffer think
 * duplicates are possible, which costs a merge at query time, never a wrong result.
 */
final class SeriesTimes {
    private long[] keys = new long[1024];
    private long[] times = new long[1024];
    private int size;

    /**
     * Records {@code time} for {@code seriesHash}, keeping the maximum, and returns the previous
     * maximum, or {@link Long#MIN_VALUE} when the series is new.
     */
    long putMax(long seriesHash, long time) {
        long key = seriesHash == 0 ? 1 : seriesHash; // 0 marks an empty slot
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                long prev = times[i];
                if (time > prev) {
                    times[i] = time;
                }
                return prev;
            }
            if (k == 0) {
                keys[i] = key;
                times[i] = time;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return Long.MIN_VALUE;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldTimes = times;
        keys = new long[oldKeys.length * 2];
        times = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            long k = oldKeys[j];
            if (k != 0) {
                int i = (int) (mix(k) & mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                times[i] = oldTimes[j];
            }
        }
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
