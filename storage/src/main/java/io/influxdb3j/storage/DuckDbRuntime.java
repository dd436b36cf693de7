package io.influxdb3j.storage;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * The one in-memory DuckDB database of the process. It stores no rows: the write buffer is read
 * in place ({@link BufferScans}) and persisted data from Parquet files. Every query gets its own
 * connection to it (so temporary views and registered buffer streams are private to the query);
 * the time zone is UTC.
 *
 * <p>DuckDB's external access is off: it reads and writes files only in the directory of the
 * persisted Parquet files and in this runtime's scratch directory (where Parquet files are written
 * before they are moved on), and installs no extensions. So SQL from the query API cannot read or
 * write other files on the server (the catalog and the WAL included).
 */
public final class DuckDbRuntime implements AutoCloseable {
    private final DuckDBConnection root;
    private final Path scratch;

    /** {@code storeDirectory}: where the Parquet files' local copies lie (see {@code ObjectStore.localDirectory}). */
    public DuckDbRuntime(Path storeDirectory) {
        try {
            scratch = Files.createTempDirectory("influxdb3j-duckdb-");
            // exists from the start, so a symbolic link on its way is resolved below too
            Files.createDirectories(storeDirectory);
            Class.forName("org.duckdb.DuckDBDriver");
            root = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
            try (Statement st = root.createStatement()) {
                st.execute("SET GLOBAL TimeZone='UTC'");
                // Persisted Parquet and the buffer store time as TIMESTAMP_NS; keep it that way on read.
                st.execute("SET preserve_insertion_order=true");
                // Keep Parquet footers in memory: repeated queries then skip row groups (and whole
                // files) outside a time predicate without re-reading their metadata.
                st.execute("SET parquet_metadata_cache=true");
                st.execute("SET temp_directory=" + quoteString(scratch.resolve("spill").toString()));
                StringBuilder allowed = new StringBuilder("[");
                for (Path dir : allowedDirectories(storeDirectory, scratch)) {
                    allowed.append(allowed.length() > 1 ? ", " : "").append(quoteString(dir + "/"));
                }
                st.execute("SET allowed_directories=" + allowed + "]");
                // Cannot be turned back on while the database runs.
                st.execute("SET enable_external_access=false");
            }
        } catch (ClassNotFoundException | SQLException | IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** Each directory as an absolute path and, when it exists and differs, as its real path. */
    private static List<Path> allowedDirectories(Path... dirs) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            Path abs = d.toAbsolutePath().normalize();
            out.add(abs);
            if (Files.exists(abs)) {
                Path real = abs.toRealPath();
                if (!real.equals(abs)) {
                    out.add(real);
                }
            }
        }
        return out;
    }

    /** A new connection to the shared database; the caller closes it. */
    public DuckDBConnection connect() {
        try {
            return (DuckDBConnection) root.duplicate();
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot open DuckDB connection: " + e.getMessage(), e);
        }
    }

    /** A new empty file name in the scratch directory, for DuckDB to write (e.g. Parquet by {@code COPY}). */
    public Path scratchFile(String suffix) {
        try {
            Path file = Files.createTempFile(scratch, "influxdb3j-", suffix);
            Files.delete(file); // DuckDB creates it
            return file;
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot name a scratch file: " + e.getMessage(), e);
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
        try (var files = Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch directory left in the temporary directory
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
