package io.influxdb3j.query.format;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Streams a DuckDB {@link ResultSet} to an HTTP body in one of the text formats of the v3 query API,
 * rendering values as InfluxDB 3 does:
 * <ul>
 *   <li>timestamps ({@code TIMESTAMP_NS}, {@code TIMESTAMP}, {@code TIMESTAMPTZ}, also inside structs
 *       and lists) as UTC {@code YYYY-MM-DDTHH:MM:SS} plus 3, 6 or 9 fraction digits when non-zero;</li>
 *   <li>floats with {@code .0} ({@code 2.0}); in JSON as numbers, with {@code null} for NaN and
 *       infinities; in text as {@code NaN}, {@code inf}, {@code -inf};</li>
 *   <li>{@code UBIGINT} unsigned; booleans {@code true}/{@code false}; structs (selector results)
 *       as JSON objects or {@code {value: 1.0, time: ...}}; lists as JSON arrays or {@code [1, 2]};
 *       intervals as DuckDB's text ({@code 01:30:00}, {@code 2 days}).</li>
 * </ul>
 * Rows are read and written one at a time through a buffer, so memory does not grow with the result,
 * except for {@link ResultFormat#PRETTY}, which must see every row to size its columns. The caller
 * owns both the result set and the stream: neither is closed, the stream is flushed. An error while
 * reading rows propagates after part of the body has been written.
 */
public final class ResultWriter {
    private ResultWriter() {
    }

    /**
     * Writes every remaining row of {@code rs} to {@code out}.
     *
     * @return the number of rows written
     * @throws IllegalArgumentException for {@link ResultFormat#PARQUET}, which {@link ParquetExport} writes
     */
    public static long write(ResultSet rs, ResultFormat format, OutputStream out) throws SQLException, IOException {
        ResultColumns columns = new ResultColumns(rs.getMetaData());
        return switch (format) {
            case JSON -> JsonRows.write(rs, columns, out, false);
            case JSONL -> JsonRows.write(rs, columns, out, true);
            case CSV -> CsvRows.write(rs, columns, out);
            case PRETTY -> PrettyTable.write(rs, columns, out);
            case PARQUET -> throw new IllegalArgumentException(
                    "parquet is written by DuckDB itself: use ParquetExport.write(connection, sql, path)");
        };
    }
}
