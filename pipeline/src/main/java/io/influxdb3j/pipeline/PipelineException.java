package io.influxdb3j.pipeline;

/**
 * A configuration or runtime failure a user can act on: the message names the file, line or key and
 * the problem, and is printed without a stack trace (unless {@code --log.level debug}).
 */
public class PipelineException extends RuntimeException {
    public PipelineException(String message) {
        super(message);
    }

    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
