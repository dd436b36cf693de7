package io.influxdb3j.query;

import io.influxdb3j.catalog.Catalog;
import io.influxdb3j.catalog.CatalogSnapshot;
import io.influxdb3j.catalog.DatabaseSchema;
import io.influxdb3j.catalog.TableSchema;
import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.common.TimeProvider;
import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.query.api.QueryRequest;
import io.influxdb3j.query.api.ResultHandler;
import io.influxdb3j.query.format.ParquetExport;
import io.influxdb3j.query.sql.GapFill;
import io.influxdb3j.query.sql.InfluxSqlFunctions;
import io.influxdb3j.query.sql.SqlParameters;
import io.influxdb3j.query.sql.StatementCheck;
import io.influxdb3j.query.sql.TimeBounds;
import io.influxdb3j.storage.BufferScans;
import io.influxdb3j.storage.DuckDbRuntime;
import io.influxdb3j.storage.TableSources;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.duckdb.DuckDBConnection;

/** {@link QueryExecutor} on DuckDB; see the package description for how a query is set up. */
public final class DuckDbQueryExecutor implements QueryExecutor {
    private final Catalog catalog;
    private final DuckDbRuntime duck;
    private final TableSources sources;
    private final TimeProvider time;
    private final QueryLog log;
    private final boolean withoutAuth;
    private final List<SystemTable> extraTables = new CopyOnWriteArrayList<>();
    private volatile List<SystemTable> systemTables;

    public DuckDbQueryExecutor(Catalog catalog, DuckDbRuntime duck, TableSources sources, TimeProvider time,
                               int queryLogSize, boolean withoutAuth) {
        this.catalog = catalog;
        this.duck = duck;
        this.sources = sources;
        this.time = time;
        this.log = new QueryLog(queryLogSize);
        this.withoutAuth = withoutAuth;
        this.systemTables = BuiltinSystemTables.all(sources.buffer(), log, withoutAuth, extraTables);
        // InfluxDB's SQL functions live in a shared attached schema, installed once for all connections.
        try (DuckDBConnection conn = duck.connect()) {
            InfluxSqlFunctions.installShared(conn);
        } catch (SQLException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "cannot install SQL functions: " + e.getMessage(), e);
        }
    }

    /** Adds a system table (e.g. the processing engine's); a built-in one of the same name is replaced. */
    public void registerSystemTable(SystemTable table) {
        extraTables.add(table);
        List<SystemTable> all = new java.util.ArrayList<>(BuiltinSystemTables.all(sources.buffer(), log, withoutAuth, extraTables));
        for (SystemTable e : extraTables) {
            all.removeIf(t -> t != e && t.schema().equals(e.schema()) && t.name().equals(e.name()));
            if (!all.contains(e)) {
                all.add(e);
            }
        }
        systemTables = all;
    }

    public QueryLog queryLog() {
        return log;
    }

    @Override
    public <T> T query(QueryRequest request, ResultHandler<T> handler) {
        long start = time.nowNanos();
        boolean ok = false;
        try {
            T out = withBufferRetry(materialize -> {
                DuckDBConnection conn = duck.connect();
                BufferScans scans = sources.buffer().scans(conn, materialize);
                try (conn) {
                    ResultSet rs;
                    try (Statement st = conn.createStatement()) {
                        // Views name the files and buffer rows of this moment: hold the lock until the
                        // query has started, so a snapshot cannot move rows between them in between.
                        sources.buffer().lock().readLock().lock();
                        try {
                            rs = st.executeQuery(prepare(conn, scans, request));
                        } finally {
                            sources.buffer().lock().readLock().unlock();
                        }
                        try (rs) {
                            return handler.handle(rs);
                        }
                    }
                } finally {
                    scans.close();
                }
            });
            ok = true;
            return out;
        } catch (SQLException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "error writing query result: " + e.getMessage(), e);
        } finally {
            log.record(request.language().name().toLowerCase(Locale.ROOT), request.query(), start, time.nowNanos() - start, ok);
        }
    }

    @Override
    public long queryToParquet(QueryRequest request, Path out) {
        long start = time.nowNanos();
        boolean ok = false;
        try {
            long rows = withBufferRetry(materialize -> {
                DuckDBConnection conn = duck.connect();
                BufferScans scans = sources.buffer().scans(conn, materialize);
                try (conn) {
                    // DuckDB writes only where it may (see DuckDbRuntime); the file is moved on after.
                    Path scratch = duck.scratchFile(".parquet");
                    try {
                        long written;
                        sources.buffer().lock().readLock().lock();
                        try {
                            written = ParquetExport.write(conn, prepare(conn, scans, request), scratch);
                        } finally {
                            sources.buffer().lock().readLock().unlock();
                        }
                        if (java.nio.file.Files.exists(scratch)) {
                            java.nio.file.Files.move(scratch, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        }
                        return written;
                    } finally {
                        java.nio.file.Files.deleteIfExists(scratch);
                    }
                } finally {
                    scans.close();
                }
            });
            ok = true;
            return rows;
        } catch (SQLException e) {
            throw translate(e);
        } catch (IOException e) {
            throw new InfluxException(ErrorCode.INTERNAL, "error writing query result: " + e.getMessage(), e);
        } finally {
            log.record(request.language().name().toLowerCase(Locale.ROOT), request.query(), start, time.nowNanos() - start, ok);
        }
    }

    /** One attempt at a statement; {@code materialize} as for {@link BufferScans}. */
    private interface Attempt<T> {
        T run(Boolean materialize) throws SQLException, IOException;
    }

    /**
     * Runs a statement reading the buffer in place. If DuckDB read one table's buffer twice after
     * all (a plan {@link #mayReadTwice} did not foresee), that read fails before any row is
     * returned, and the statement runs again on buffer copies.
     */
    private static <T> T withBufferRetry(Attempt<T> attempt) throws SQLException, IOException {
        try {
            return attempt.run(null);
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("stream has been released")) {
                throw e;
            }
            return attempt.run(Boolean.TRUE);
        }
    }

    /** Sets up the connection for the request's database and returns the SQL to run. Call under the buffer's read lock. */
    private String prepare(DuckDBConnection conn, BufferScans scans, QueryRequest request) throws SQLException {
        CatalogSnapshot cat = catalog.snapshot();
        DatabaseSchema db = cat.database(request.database());
        if (db == null) {
            throw InfluxException.notFound("database not found: " + request.database());
        }
        if (request.query() == null || request.query().isBlank()) {
            throw new InfluxException(ErrorCode.QUERY, "Error during planning: the query is empty");
        }
        InfluxSqlFunctions.useShared(conn);
        String sql = GapFill.rewrite(SqlParameters.bind(SqlPreprocessor.rewrite(request.query().strip()), request.params()));
        StatementCheck.requireSingleQuery(sql);
        Map<String, Integer> identifierCounts = SqlPreprocessor.identifierCounts(sql);
        Set<String> ids = identifierCounts.keySet();
        for (SystemTable st : systemTables) {
            if (st.internalOnly() && !db.isInternal()) {
                continue;
            }
            String prefix = st.schema().equals("system") ? SqlPreprocessor.SYSTEM_PREFIX : SqlPreprocessor.INFO_PREFIX;
            String tempName = prefix + st.name();
            if (ids.contains(tempName)) {
                createSystemTable(conn, tempName, st, cat, db);
            }
        }
        long[] range = timeRange(conn, sql);
        String rangeTable = range == null ? null : TimeBounds.of(sql).map(TimeBounds.Result::table).orElse(null);
        scans.materializeUnlessSet(mayReadTwice(sql, identifierCounts, db));
        try (Statement st = conn.createStatement()) {
            for (TableSchema t : db.liveTables()) {
                if (ids.contains(t.name()) || ids.contains(t.name().toLowerCase(Locale.ROOT))) {
                    String source = t.name().equalsIgnoreCase(rangeTable)
                            ? sources.selectSql(scans, db, t, range[0], range[1])
                            : sources.selectSql(scans, db, t);
                    st.execute("CREATE TEMP VIEW " + DuckDbRuntime.quoteIdent(t.name()) + " AS " + source);
                }
            }
        }
        return sql;
    }

    /**
     * True when DuckDB may read a table's buffer more than once for this SQL: the table is named
     * twice (self-join, subquery) or a common table expression may be expanded at each use. The
     * buffer is then copied once for the statement instead of read in place (see {@link BufferScans}).
     */
    static boolean mayReadTwice(String sql, Map<String, Integer> counts, DatabaseSchema db) {
        if (SqlPreprocessor.hasWith(sql)) {
            return true;
        }
        for (TableSchema t : db.liveTables()) {
            int n = counts.getOrDefault(t.name(), 0);
            if (!t.name().equals(t.name().toLowerCase(Locale.ROOT))) {
                n += counts.getOrDefault(t.name().toLowerCase(Locale.ROOT), 0);
            }
            if (n > 1) {
                return true;
            }
        }
        return false;
    }

    /**
     * The [min, max] time (ns) the query's WHERE clause allows on its one table, or null. Each bound
     * expression is evaluated by DuckDB on this connection; one that is not a constant timestamp
     * is ignored, so the worst case is reading more files than needed, never fewer.
     */
    private static long[] timeRange(DuckDBConnection conn, String sql) {
        var result = TimeBounds.of(sql);
        if (result.isEmpty()) {
            return null;
        }
        long lo = Long.MIN_VALUE;
        long hi = Long.MAX_VALUE;
        for (TimeBounds.Bound b : result.get().bounds()) {
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT epoch_ns(CAST((" + b.expression() + ") AS TIMESTAMP_NS))")) {
                if (rs.next()) {
                    long v = rs.getLong(1);
                    if (rs.wasNull()) {
                        continue;
                    }
                    if (b.lower()) {
                        lo = Math.max(lo, v);
                    } else {
                        hi = Math.min(hi, v);
                    }
                }
            } catch (SQLException notConstant) {
                // e.g. refers to a column: no bound from this condition
            }
        }
        return lo == Long.MIN_VALUE && hi == Long.MAX_VALUE ? null : new long[]{lo, hi};
    }

    private static void createSystemTable(DuckDBConnection conn, String tempName, SystemTable table,
                                          CatalogSnapshot cat, DatabaseSchema db) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TEMP TABLE " + DuckDbRuntime.quoteIdent(tempName) + " (" + table.columnsDdl() + ")");
        }
        List<Object[]> rows = table.rows(cat, db);
        if (rows.isEmpty()) {
            return;
        }
        int width = rows.get(0).length;
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < width; i++) {
            placeholders.append(i == 0 ? "?" : ", ?");
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + DuckDbRuntime.quoteIdent(tempName)
                + " VALUES (" + placeholders + ")")) {
            for (Object[] row : rows) {
                for (int i = 0; i < width; i++) {
                    Object v = row[i];
                    if (v instanceof java.time.Duration d) {
                        ps.setObject(i + 1, d.toNanos() / 1000 + " microseconds");
                    } else if (v instanceof List<?> l) {
                        ps.setObject(i + 1, conn.createArrayOf("VARCHAR", l.toArray()));
                    } else {
                        ps.setObject(i + 1, v);
                    }
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Maps DuckDB's errors to the categories InfluxDB answers with. */
    static InfluxException translate(SQLException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        String clean = msg.replace(SqlPreprocessor.SYSTEM_PREFIX, "system.").replace(SqlPreprocessor.INFO_PREFIX, "information_schema.");
        if (clean.contains("INTERNAL Error") || clean.contains("Out of Memory") || clean.contains("FATAL")) {
            return new InfluxException(ErrorCode.INTERNAL, "query execution failed: " + clean, e);
        }
        if (clean.contains("Not implemented")) {
            return new InfluxException(ErrorCode.NOT_IMPLEMENTED, "This feature is not implemented: " + clean, e);
        }
        return new InfluxException(ErrorCode.QUERY, "Error during planning: " + clean, e);
    }
}
