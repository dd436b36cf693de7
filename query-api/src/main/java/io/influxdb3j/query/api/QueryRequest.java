package io.influxdb3j.query.api;

import java.util.Map;

/**
 * One query against one database. {@code params} bind {@code $name} placeholders; values are
 * null, Boolean, Long, BigInteger (uint64), Double or String.
 */
public record QueryRequest(String database, String query, Map<String, Object> params, QueryLanguage language) {
    public QueryRequest {
        params = params == null ? Map.of() : params;
        language = language == null ? QueryLanguage.SQL : language;
    }

    public static QueryRequest sql(String database, String sql) {
        return new QueryRequest(database, sql, Map.of(), QueryLanguage.SQL);
    }
}
