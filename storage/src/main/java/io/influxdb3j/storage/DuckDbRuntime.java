package io.influxdb3j.storage;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * The one in-memory DuckDB database of the process. It stores no rows: the write buffer is read
 * in place ({@link BufferScans}) and persisted data from Parquet files. Every query gets its own
 * connection to it (so temporary views and registered buffer streams are private to the query)
 * with the session time zone set to UTC.
 */
public final class DuckDbRuntime implements AutoCloseable {
    private final DuckDBConnection root;

    public DuckDbRuntime() {
        try {
            Class.forName("org.duckdb.DuckDBDriver");
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement st = root.createStatement()) {
                st.execute("SET TimeZone='UTC'");
                // Persisted Parquet and the buffer store time as TIMESTAMP_NS; keep it that way on read.
                st.execute("SET preserve_insertion_order=true");
                // Keep Parquet footers in memory: repeated queries then skip row groups (and whole
                // files) outside a time predicate without re-reading their metadata.
                st.execute("SET parquet_metadata_cache=true");
            }
        } catch (ClassNotFoundException | SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** A new connection to the shared database; the caller closes it. */
    public DuckDBConnection connect() {
        try {
            DuckDBConnection c = root.duplicate();
            try (Statement st = c.createStatement()) {
                st.execute("SET TimeZone='UTC'");
            }
            return c;
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot open DuckDB connection: " + e.getMessage(), e);
        }
    }

    public static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    public static String quoteString(String s) {
        return '\'' + s.replace("'", "''") + '\'';
    }

    @Override
    public void close() {
        try {
            root.close();
        } catch (SQLException ignored) {
            // closing at shutdown
        }
    }

    static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "DuckDB statement failed: " + e.getMessage() + " [" + sql + "]", e);
        }
    }
}
