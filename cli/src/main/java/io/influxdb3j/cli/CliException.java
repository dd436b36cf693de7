package io.influxdb3j.cli;

/** A failure to report as {@code <Command> command failed: <message>}; never printed with a stack trace. */
public class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
