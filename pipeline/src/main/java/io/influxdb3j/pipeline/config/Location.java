package io.influxdb3j.pipeline.config;

/** A 1-based line and column in a config file; {@link #SET} marks a value that came from {@code --set}. */
public record Location(int line, int column) {
    public static final Location SET = new Location(0, 0);
    public static final Location UNKNOWN = new Location(-1, -1);

    public boolean known() {
        return line > 0;
    }
}
