package io.influxdb3j.query.api;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Consumes the rows of a query while they are available; the executor closes the result set afterwards. */
@FunctionalInterface
public interface ResultHandler<T> {
    T handle(ResultSet rows) throws SQLException, java.io.IOException;
}
