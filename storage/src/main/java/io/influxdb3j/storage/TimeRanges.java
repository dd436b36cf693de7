package io.influxdb3j.storage;

import java.util.Arrays;

/**
 * A union of closed time ranges, kept as sorted disjoint intervals: the times the buffered
 * batches of a table span. A row whose time lies outside it cannot repeat the time of a buffered
 * row. Used by the WAL apply thread (and a snapshot, under the buffer's write lock).
 */
final class TimeRanges {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int size;

    int size() {
        return size;
    }

    /** True when [{@code from}, {@code to}] meets the union. */
    boolean overlaps(long from, long to) {
        int i = firstEndingAtOrAfter(from);
        return i < size && starts[i] <= to;
    }

    boolean contains(long t) {
        return overlaps(t, t);
    }

    /** Adds [{@code from}, {@code to}], merging the intervals it meets. */
    void add(long from, long to) {
        int i = firstEndingAtOrAfter(from);
        int j = i;
        long lo = from;
        long hi = to;
        while (j < size && starts[j] <= to) {
            lo = Math.min(lo, starts[j]);
            hi = Math.max(hi, ends[j]);
            j++;
        }
        int removed = j - i;
        if (removed == 0) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
            }
            System.arraycopy(starts, i, starts, i + 1, size - i);
            System.arraycopy(ends, i, ends, i + 1, size - i);
            size++;
        } else if (removed > 1) {
            System.arraycopy(starts, j, starts, i + 1, size - j);
            System.arraycopy(ends, j, ends, i + 1, size - j);
            size -= removed - 1;
        }
        starts[i] = lo;
        ends[i] = hi;
    }

    void clear() {
        size = 0;
    }

    /** Index of the first interval whose end is at or after {@code t} (size if none). */
    private int firstEndingAtOrAfter(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
