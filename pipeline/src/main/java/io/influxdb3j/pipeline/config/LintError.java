package io.influxdb3j.pipeline.config;

/**
 * One lint error: where (file, line, column, key path such as {@code input.generate.count}) and what.
 * Printed as {@code file(line,col) path: message}, the shape Redpanda Connect's linter prints.
 */
public record LintError(String file, Location location, String path, String message) {
    @Override
    public String toString() {
        String where;
        if (location.known()) {
            where = file + "(" + location.line() + "," + location.column() + ")";
        } else if (location.equals(Location.SET)) {
            where = file + "(--set)";
        } else {
            where = file;
        }
        return where + (path.isEmpty() ? "" : " " + path) + ": " + message;
    }
}
