package io.influxdb3j.catalog;

import io.influxdb3j.common.ColumnType;

/** A column of a table: a dense id (in creation order, {@code time} is 0), its name and its fixed type. */
public record ColumnDef(int id, String name, ColumnType type) {
}
