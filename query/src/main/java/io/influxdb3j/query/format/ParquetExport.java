package io.influxdb3j.query.format;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The {@code parquet} format: DuckDB runs the query and writes the file itself
 * ({@code COPY (query) TO 'file' (FORMAT parquet)}), so {@code TIMESTAMP_NS} columns such as
 * {@code time} stay nanosecond timestamps in the file and no row passes through Java.
 */
public final class ParquetExport {
    private ParquetExport() {
    }

    /**
     * Runs {@code sql} on {@code connection} and writes its result to {@code out} as one Parquet file,
     * replacing any file already there.
     *
     * <p>When the result has no rows the file is deleted and 0 is returned: InfluxDB answers such a
     * query with an empty body, so the caller sends nothing rather than a zero-row Parquet file. On
     * failure no file is left behind either.
     *
     * @param sql a single query, without a trailing semicolon needed (one is tolerated)
     * @return the number of rows written; 0 means {@code out} does not exist
     */
    public static long write(Connection connection, String sql, Path out) throws SQLException {
        String query = stripTrailingSemicolons(sql);
        String copy = "COPY (" + query + "\n) TO '" + out.toAbsolutePath().toString().replace("'", "''")
                + "' (FORMAT parquet)";
        long rows;
        try (Statement statement = connection.createStatement()) {
            rows = statement.executeLargeUpdate(copy);
        } catch (SQLException | RuntimeException e) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (rows == 0) {
            try {
                Files.deleteIfExists(out);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the empty Parquet file " + out, e);
            }
        }
        return rows;
    }

    private static String stripTrailingSemicolons(String sql) {
        int end = sql.length();
        while (end > 0 && (Character.isWhitespace(sql.charAt(end - 1)) || sql.charAt(end - 1) == ';')) {
            end--;
        }
        return sql.substring(0, end);
    }
}
