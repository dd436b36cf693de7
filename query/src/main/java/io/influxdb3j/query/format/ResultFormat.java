package io.influxdb3j.query.format;

import io.influxdb3j.common.ErrorCode;
import io.influxdb3j.common.InfluxException;
import java.util.Locale;

/** The output formats of the v3 query API, each with the {@code Content-Type} it is served with. */
public enum ResultFormat {
    JSON("application/json"),
    JSONL("application/jsonl"),
    CSV("text/csv"),
    PRETTY("text/plain; charset=utf-8"),
    PARQUET("application/vnd.apache.parquet");

    private static final String VALID = "json, jsonl (or json_lines), csv, pretty, parquet";

    private final String contentType;

    ResultFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Parses the {@code format} request parameter; case-insensitive. */
    public static ResultFormat parse(String format) {
        if (format == null) {
            throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "missing format: valid formats are " + VALID);
        }
        return switch (format.trim().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "jsonl", "json_lines" -> JSONL;
            case "csv" -> CSV;
            case "pretty" -> PRETTY;
            case "parquet" -> PARQUET;
            default -> throw new InfluxException(ErrorCode.INVALID_ARGUMENT,
                    "invalid format '" + format + "': valid formats are " + VALID);
        };
    }

    /**
     * The format implied by an {@code Accept} header when the request names none. Only exact media
     * types are recognised (no parameters, no lists), except that any value mentioning
     * {@code text/html} or {@code *}{@code /*} — what browsers and curl send — means JSON. The server
     * validates the header with this method even when {@code format} is given.
     *
     * @param acceptHeader the header value, or {@code null} when absent
     */
    public static ResultFormat fromAccept(String acceptHeader) {
        if (acceptHeader == null) {
            return JSON;
        }
        return switch (acceptHeader) {
            case "application/vnd.apache.parquet" -> PARQUET;
            case "text/csv" -> CSV;
            case "text/plain" -> PRETTY;
            case "application/json", "*/*", "" -> JSON;
            default -> {
                if (acceptHeader.contains("text/html") || acceptHeader.contains("*/*")) {
                    yield JSON;
                }
                throw new InfluxException(ErrorCode.INVALID_ARGUMENT, "invalid mime type (" + acceptHeader + ")");
            }
        };
    }
}
