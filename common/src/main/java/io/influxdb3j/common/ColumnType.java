package io.influxdb3j.common;

/**
 * The type of a table column. A column's type is fixed on first write; the names below are the
 * ones InfluxDB 3 prints in errors, in {@code information_schema.columns} and in
 * {@code system.influxdb_schema}.
 */
public enum ColumnType {
    TAG("iox::column_type::tag", "tag", "Dictionary(Int32, Utf8)", "VARCHAR"),
    TIME("iox::column_type::timestamp", "time", "Timestamp(Nanosecond, None)", "TIMESTAMP_NS"),
    FLOAT("iox::column_type::field::float", "float", "Float64", "DOUBLE"),
    INTEGER("iox::column_type::field::integer", "integer", "Int64", "BIGINT"),
    UINTEGER("iox::column_type::field::uinteger", "uinteger", "UInt64", "UBIGINT"),
    STRING("iox::column_type::field::string", "string", "Utf8", "VARCHAR"),
    BOOLEAN("iox::column_type::field::boolean", "boolean", "Boolean", "BOOLEAN");

    private final String ioxName;
    private final String schemaName;
    private final String arrowName;
    private final String duckDbType;

    ColumnType(String ioxName, String schemaName, String arrowName, String duckDbType) {
        this.ioxName = ioxName;
        this.schemaName = schemaName;
        this.arrowName = arrowName;
        this.duckDbType = duckDbType;
    }

    /** The name used in type-conflict errors, e.g. {@code iox::column_type::field::float}. */
    public String ioxName() {
        return ioxName;
    }

    /** The short name of {@code system.influxdb_schema.data_type}: tag, time, float, ... */
    public String schemaName() {
        return schemaName;
    }

    /** The Arrow type name shown in {@code information_schema.columns.data_type}. */
    public String arrowName() {
        return arrowName;
    }

    /** The DuckDB SQL type the column is stored and queried as. */
    public String duckDbType() {
        return duckDbType;
    }

    public boolean isField() {
        return this != TAG && this != TIME;
    }

    /** The field type names of {@code /api/v3/configure/table}: utf8, int64, uint64, float64, bool. */
    public static ColumnType fromFieldTypeName(String name) {
        return switch (name) {
            case "utf8", "string" -> STRING;
            case "int64", "integer" -> INTEGER;
            case "uint64", "uinteger" -> UINTEGER;
            case "float64", "float" -> FLOAT;
            case "bool", "boolean" -> BOOLEAN;
            default -> throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "invalid field type '" + name + "': expected one of utf8, int64, uint64, float64, bool");
        };
    }
}
