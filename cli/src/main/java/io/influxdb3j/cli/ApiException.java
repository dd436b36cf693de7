package io.influxdb3j.cli;

/** The server answered with a non-2xx status; the message carries the status and the body verbatim. */
public final class ApiException extends CliException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    public ApiException(int status, String body) {
        super("server responded with error [" + status + " " + HttpStatus.reason(status) + "]"
                + (body.isBlank() ? "" : ": " + body.strip()));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
