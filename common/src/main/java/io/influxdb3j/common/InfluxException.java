package io.influxdb3j.common;

/** The one exception type of the project: an error code (hence a category and status) and a message for the user. */
public class InfluxException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public InfluxException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public InfluxException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public int httpStatus() {
        return code.category().httpStatus();
    }

    public static InfluxException notFound(String message) {
        return new InfluxException(ErrorCode.NOT_FOUND, message);
    }

    public static InfluxException invalid(String message) {
        return new InfluxException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
