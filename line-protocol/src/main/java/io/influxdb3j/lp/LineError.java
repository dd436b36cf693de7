package io.influxdb3j.lp;

/**
 * One line that could not be parsed.
 *
 * @param lineNumber 1-based, counting only lines that are neither blank nor comments
 * @param message the message InfluxDB 3 reports for this problem, e.g. {@code No fields were provided}
 * @param position 1-based byte column in {@code originalLine} where the problem was found
 * @param originalLine the whole raw line, without its line ending; the HTTP layer truncates it for responses
 */
public record LineError(int lineNumber, String message, int position, String originalLine) {
}
