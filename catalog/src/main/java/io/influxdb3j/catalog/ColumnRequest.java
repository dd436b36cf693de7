package io.influxdb3j.catalog;

import io.influxdb3j.common.ColumnType;

/** A column a write needs in a table (the table is created too if missing). */
public record ColumnRequest(String tableName, String columnName, ColumnType type) {
}
