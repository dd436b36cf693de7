package io.influxdb3j.engine;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a query result into what {@code influxdb3_local.query} returns: one map per row holding every
 * column in schema order, SQL NULL as null. Integers become Python {@code int}, floating point
 * {@code float}, text {@code str}, booleans {@code bool}, timestamps {@code int} nanoseconds since the
 * epoch (UTC). Every other type fails with {@code Unsupported data type: <type>}, as in InfluxDB 3.
 *
 * <p>Deviation, on purpose: InfluxDB 3 accepts only Int64/UInt64 and Float64, while DuckDB returns
 * INTEGER, HUGEINT or FLOAT for expressions where DataFusion returns Int64 or Float64; those are
 * accepted here too, so plugins see the same Python types as on InfluxDB 3.
 */
final class QueryRows {
    static final class UnsupportedTypeException extends SQLException {
        private static final long serialVersionUID = 1L;

        UnsupportedTypeException(String type) {
            super("Unsupported data type: " + type);
        }
    }

    private QueryRows() {
    }

    static List<Map<String, Object>> read(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int count = meta.getColumnCount();
        String[] names = new String[count];
        String[] types = new String[count];
        for (int i = 0; i < count; i++) {
            names[i] = meta.getColumnLabel(i + 1);
            types[i] = meta.getColumnTypeName(i + 1).toUpperCase(Locale.ROOT);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                row.put(names[i], value(rs, i + 1, types[i]));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        switch (type) {
            case "BOOLEAN" -> {
                boolean v = rs.getBoolean(i);
                return rs.wasNull() ? null : v;
            }
            case "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER" -> {
                long v = rs.getLong(i);
                return rs.wasNull() ? null : v;
            }
            case "UBIGINT", "HUGEINT", "UHUGEINT" -> {
                Object v = rs.getObject(i);
                return v == null ? null : new BigInteger(v.toString());
            }
            case "FLOAT", "DOUBLE" -> {
                double v = rs.getDouble(i);
                return rs.wasNull() ? null : v;
            }
            case "VARCHAR", "STRING", "TEXT" -> {
                return rs.getString(i);
            }
            case "TIMESTAMP", "TIMESTAMP_NS", "TIMESTAMP_MS", "TIMESTAMP_S" -> {
                // LocalDateTime keeps nanoseconds and never passes through the JVM's time zone.
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                return t == null ? null : nanos(t.toEpochSecond(ZoneOffset.UTC), t.getNano());
            }
            case "TIMESTAMP WITH TIME ZONE" -> {
                OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
                return t == null ? null : nanos(t.toEpochSecond(), t.getNano());
            }
            default -> throw new UnsupportedTypeException(type);
        }
    }

    private static long nanos(long seconds, int nanos) {
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    }
}
