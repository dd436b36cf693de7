package io.influxdb3j.storage;

import java.util.Arrays;

/**
 * The distinct tag sets (series) of one table's buffered rows, each with a dense id and the newest
 * time seen for it. Lookups compare the tag values themselves, so two series never share an id;
 * the 64-bit hash only picks the slot. Tag values are given by tag position (the order of the
 * table's tag columns); a tag set made before a tag column existed has that tag null.
 * Used only by the WAL apply thread (and by a snapshot under the buffer's write lock).
 */
final class SeriesIndex {
    private static final String[] NO_TAGS = new String[0];
    /** Open-addressing slots: series id + 1, 0 for empty. */
    private int[] slots = new int[1024];
    private long[] slotHashes = new long[1024];
    private String[][] tags = new String[256][];
    private long[] maxTimes = new long[256];
    private int size;

    int size() {
        return size;
    }

    /** The tag values of series {@code id}, by tag position (shorter when tags were added later). */
    String[] tags(int id) {
        return tags[id];
    }

    /**
     * Hash of row {@code r}'s tag values; {@code columns[k]} holds tag position k's values (or is
     * null). Null tags do not count, so a tag set hashes the same before and after a tag column is added.
     */
    static long hash(String[][] columns, int r) {
        long h = 1;
        for (int k = 0; k < columns.length; k++) {
            String v = columns[k] == null ? null : columns[k][r];
            if (v != null) {
                h = h * 1_000_003L + (long) k * 131 + v.hashCode();
            }
        }
        return h;
    }

    /**
     * The id of row {@code r}'s series, or {@code -1 - id} when this call added it (so the caller
     * can store the new tag set).
     */
    int idOf(String[][] columns, int r, long hash) {
        int mask = slots.length - 1;
        int i = (int) (mix(hash) & mask);
        while (true) {
            int s = slots[i];
            if (s == 0) {
                int id = add(columns, r);
                slots[i] = id + 1;
                slotHashes[i] = hash;
                if (size * 2 > slots.length) {
                    grow();
                }
                return -1 - id;
            }
            if (slotHashes[i] == hash && sameTags(tags[s - 1], columns, r)) {
                return s - 1;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Records {@code time} for series {@code id}, keeping the maximum, and returns the previous
     * maximum ({@link Long#MIN_VALUE} for a series seen for the first time).
     */
    long putMax(int id, long time) {
        long prev = maxTimes[id];
        if (time > prev) {
            maxTimes[id] = time;
        }
        return prev;
    }

    void clear() {
        Arrays.fill(slots, 0);
        Arrays.fill(tags, 0, size, null);
        size = 0;
    }

    private int add(String[][] columns, int r) {
        int id = size++;
        if (id == tags.length) {
            tags = Arrays.copyOf(tags, id * 2);
            maxTimes = Arrays.copyOf(maxTimes, id * 2);
        }
        String[] t = columns.length == 0 ? NO_TAGS : new String[columns.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = columns[k] == null ? null : columns[k][r];
        }
        tags[id] = t;
        maxTimes[id] = Long.MIN_VALUE;
        return id;
    }

    private static boolean sameTags(String[] known, String[][] columns, int r) {
        for (int k = 0; k < columns.length; k++) {
            String v = columns[k] == null ? null : columns[k][r];
            String w = k < known.length ? known[k] : null;
            if (v != w && (v == null || !v.equals(w))) {
                return false;
            }
        }
        for (int k = columns.length; k < known.length; k++) {
            if (known[k] != null) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        int[] oldSlots = slots;
        long[] oldHashes = slotHashes;
        slots = new int[oldSlots.length * 2];
        slotHashes = new long[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] != 0) {
                int i = (int) (mix(oldHashes[j]) & mask);
                while (slots[i] != 0) {
                    i = (i + 1) & mask;
                }
                slots[i] = oldSlots[j];
                slotHashes[i] = oldHashes[j];
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
