package io.influxdb3j.query.api;

import java.nio.file.Path;

/**
 * Runs queries. Contract: errors are {@link io.influxdb3j.common.InfluxException}s — NOT_FOUND for
 * an unknown database, QUERY (400) for SQL the planner rejects, INTERNAL for execution failures.
 * Thread-safe; each call may block while the query runs and must not be called while holding a
 * lock that writes need.
 */
public interface QueryExecutor {
    /** Runs the query and hands its rows to {@code handler}, returning what the handler returns. */
    <T> T query(QueryRequest request, ResultHandler<T> handler);

    /** Runs the query and writes its result as one Parquet file; returns the row count (0 writes no file). */
    long queryToParquet(QueryRequest request, Path out);
}
