package io.influxdb3j.lp;

/**
 * Receives the lines of one request body from {@link LineProtocolParser#parse}, in body order, on the
 * thread that called {@code parse}. Exactly one of the two methods is called per line that is neither
 * blank nor a comment. Returning {@code false} from either stops the parse: no further line is read.
 */
public interface LineSink {
    /**
     * A line that parsed. The {@link ParsedLine} is reused for the next line: read what you need before
     * returning and do not keep the reference.
     */
    boolean onLine(ParsedLine line);

    /** A line that did not parse; the lines after it are still parsed. */
    boolean onError(LineError error);
}
