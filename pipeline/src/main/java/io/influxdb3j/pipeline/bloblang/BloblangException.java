package io.influxdb3j.pipeline.bloblang;

/**
 * A Bloblang parse error (with the 1-based line and column inside the mapping text) or a failure while a
 * mapping runs (line of the failing statement, column 0).
 */
public final class BloblangException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public BloblangException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** The 1-based line inside the mapping text, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** The 1-based column inside that line, or 0 when unknown. */
    public int column() {
        return column;
    }
}
