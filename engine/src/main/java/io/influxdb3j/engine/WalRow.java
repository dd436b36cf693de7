package io.influxdb3j.engine;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One written row, holding only the columns present in the written line, in the order the plugin
 * sees them: tags first, then fields. It becomes a dict with {@code time} (ns) added last.
 *
 * <p>Values: a tag is a {@link String}; an i64 field a {@link Long}; a u64 field a {@link Long} when it
 * fits, else a {@link BigInteger}; an f64 field a {@link Double}; a bool field a {@link Boolean}; a
 * string field a {@link String}. Null values are not allowed: leave the column out.
 */
public record WalRow(Map<String, Object> columns, long timeNanos) {
    public WalRow {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        columns.forEach((name, value) -> {
            Objects.requireNonNull(value, () -> "column '" + name + "' is null: leave absent columns out");
            if (name.equals("time")) {
                throw new IllegalArgumentException("'time' is not a column of its own: pass it as timeNanos");
            }
            copy.put(name, value);
        });
        columns = java.util.Collections.unmodifiableMap(copy);
    }

    /** The unsigned 64-bit field value {@code bits} in the form a row holds it. */
    public static Object unsigned(long bits) {
        return bits >= 0 ? (Object) bits : new BigInteger(Long.toUnsignedString(bits));
    }

    Map<String, Object> toPython() {
        LinkedHashMap<String, Object> row = new LinkedHashMap<>(columns);
        row.put("time", timeNanos);
        return row;
    }
}
