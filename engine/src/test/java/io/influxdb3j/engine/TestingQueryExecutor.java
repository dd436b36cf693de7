package io.influxdb3j.engine;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import io.influxdb3j.query.api.QueryExecutor;
import io.influxdb3j.query.api.QueryRequest;
import io.influxdb3j.query.api.ResultHandler;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs queries on an in-memory DuckDB, whatever the database name, and records them. {@code $name}
 * parameters outside quotes are bound as values, as the real executor does.
 */
final class TestingQueryExecutor implements QueryExecutor, AutoCloseable {
    private final Connection connection;
    final List<QueryRequest> requests = new ArrayList<>();

    TestingQueryExecutor(String... setupStatements) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                for (String sql : setupStatements) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized <T> T query(QueryRequest request, ResultHandler<T> handler) {
        requests.add(request);
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String text = request.query();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            }
            if (c == '$' && !quoted) {
                int end = i + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                String name = text.substring(i + 1, end);
                if (!request.params().containsKey(name)) {
                    throw new InfluxException(ErrorCode.QUERY, "No value found for placeholder with name $" + name);
                }
                values.add(request.params().get(name));
                sql.append('?');
                i = end - 1;
            } else {
                sql.append(c);
            }
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                return handler.handle(rows);
            }
        } catch (SQLException | java.io.IOException e) {
            throw new InfluxException(ErrorCode.QUERY, e.getMessage(), e);
        }
    }

    @Override
    public long queryToParquet(QueryRequest request, Path out) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
