package io.influxdb3j.bench.ingest;

import java.util.OptionalLong;

/** Picks one integer out of a small JSON answer without a JSON library (the answers are one number). */
final class JsonNumbers {
    private JsonNumbers() {
    }

    /**
     * The non-negative integer that follows the first {@code marker} in {@code json}, skipping spaces;
     * e.g. {@code firstAfter("[{\"n\":42}]", "\"n\":")} is 42. Empty if the marker or the digits are missing.
     */
    static OptionalLong firstAfter(String json, String marker) {
        int at = json.indexOf(marker);
        if (at < 0) {
            return OptionalLong.empty();
        }
        int i = at + marker.length();
        while (i < json.length() && json.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            i++;
        }
        if (i == start || i - start > 18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(json, start, i, 10));
    }
}
