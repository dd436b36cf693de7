package io.influxdb3j.query.format;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The columns of a DuckDB result and how to read each cell into a normalised value. Normalised values
 * are: {@code null}, {@link Boolean}, {@link Long}, {@link java.math.BigInteger}, {@link Float},
 * {@link Double}, {@link java.math.BigDecimal}, {@link String}, {@link EpochNanos},
 * {@link java.time.LocalDate}, {@link java.time.LocalTime}, {@code byte[]}, {@link List} (lists and
 * arrays) and {@link Map} (structs and maps, in declaration order). Anything else is read as DuckDB's
 * own text for it.
 */
final class ResultColumns {

    enum Kind { BOOLEAN, INTEGER, BIG_INTEGER, FLOAT, DOUBLE, DECIMAL, TIMESTAMP, TIMESTAMP_TZ, DATE, TIME, BLOB, NESTED, TEXT }

    private final String[] names;
    private final Kind[] kinds;

    ResultColumns(ResultSetMetaData meta) throws SQLException {
        int n = meta.getColumnCount();
        names = new String[n];
        kinds = new Kind[n];
        for (int i = 0; i < n; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            kinds[i] = kindOf(meta.getColumnTypeName(i + 1));
        }
    }

    int size() {
        return names.length;
    }

    String name(int column) {
        return names[column];
    }

    Kind kind(int column) {
        return kinds[column];
    }

    static Kind kindOf(String duckDbType) {
        String t = duckDbType.toUpperCase(Locale.ROOT);
        // Nested types first: "INTEGER[]", "DOUBLE[3]", "STRUCT(...)", "MAP(...)", "UNION(...)".
        if (t.endsWith("]") || t.startsWith("STRUCT") || t.startsWith("MAP(")) {
            return Kind.NESTED;
        }
        if (t.startsWith("DECIMAL")) {
            return Kind.DECIMAL;
        }
        return switch (t) {
            case "BOOLEAN" -> Kind.BOOLEAN;
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> Kind.INTEGER;
            case "UBIGINT", "HUGEINT", "UHUGEINT" -> Kind.BIG_INTEGER;
            case "FLOAT" -> Kind.FLOAT;
            case "DOUBLE" -> Kind.DOUBLE;
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> Kind.TIMESTAMP;
            case "TIMESTAMP WITH TIME ZONE" -> Kind.TIMESTAMP_TZ;
            case "DATE" -> Kind.DATE;
            case "TIME", "TIME_NS" -> Kind.TIME;
            case "BLOB" -> Kind.BLOB;
            default -> Kind.TEXT;
        };
    }

    /** Reads cell {@code column} (0-based) of the current row. */
    Object read(ResultSet rs, int column) throws SQLException {
        int i = column + 1;
        switch (kinds[column]) {
            case BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            case INTEGER -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case FLOAT -> {
                float v = rs.getFloat(i);
                return rs.wasNull() ? null : v;
            }
            case DOUBLE -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            }
            case TIMESTAMP -> {
                // LocalDateTime keeps all nine fraction digits and never passes through the JVM zone.
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : EpochNanos.of(t);
            }
            case TIMESTAMP_TZ -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : EpochNanos.of(t);
            }
            case TEXT -> {
                return rs.getString(i);
            }
            default -> {
                return normalise(rs.getObject(i));
            }
        }
    }

    /** Converts a value the DuckDB driver produced (possibly nested) to the normalised form. */
    static Object normalise(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Timestamp t) {
            // Inside structs and lists the driver only offers java.sql.Timestamp, built from the
            // wall-clock value in the JVM's zone; nanos survive, and toLocalDateTime() undoes the zone
            // except for wall-clock times that fall in the JVM zone's DST gap (run servers in UTC).
            return EpochNanos.of(t.toLocalDateTime());
        }
        if (v instanceof LocalDateTime t) {
            return EpochNanos.of(t);
        }
        if (v instanceof OffsetDateTime t) {
            return EpochNanos.of(t);
        }
        if (v instanceof Struct s) {
            Map<String, Object> out = new LinkedHashMap<>();
            if (s instanceof org.duckdb.DuckDBStruct ds) {
                for (Map.Entry<String, Object> e : ds.getMap().entrySet()) {
                    out.put(e.getKey(), normalise(e.getValue()));
                }
            } else {
                Object[] attributes = s.getAttributes();
                for (int i = 0; i < attributes.length; i++) {
                    out.put(Integer.toString(i + 1), normalise(attributes[i]));
                }
            }
            return out;
        }
        if (v instanceof java.sql.Array a) {
            Object[] elements = (Object[]) a.getArray();
            List<Object> out = new ArrayList<>(elements.length);
            for (Object e : elements) {
                out.add(normalise(e));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object key = normalise(e.getKey());
                out.put(key instanceof EpochNanos n ? n.text() : String.valueOf(key), normalise(e.getValue()));
            }
            return out;
        }
        if (v instanceof Blob b) {
            try (InputStream in = b.getBinaryStream()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new SQLException("cannot read BLOB value", e);
            }
        }
        if (v instanceof Number || v instanceof LocalDate || v instanceof LocalTime || v instanceof byte[]) {
            return v;
        }
        return v.toString();
    }
}
