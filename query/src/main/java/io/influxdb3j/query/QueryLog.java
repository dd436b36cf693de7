package io.influxdb3j.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

/** The last N queries, for {@code system.queries}. */
public final class QueryLog {
    public record Entry(String id, String phase, long issueTimeNanos, String queryType, String queryText,
                        long durationNanos, boolean success) {
    }

    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    public QueryLog(int capacity) {
        this.capacity = Math.max(0, capacity);
    }

    public synchronized void record(String type, String text, long issueTimeNanos, long durationNanos, boolean success) {
        if (capacity == 0) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(UUID.randomUUID().toString(), success ? "success" : "fail", issueTimeNanos, type,
                text, durationNanos, success));
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
