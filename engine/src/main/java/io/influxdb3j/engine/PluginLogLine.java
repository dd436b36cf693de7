package io.influxdb3j.engine;

/** One log line of a plugin run; {@code level} is {@code INFO}, {@code WARN} or {@code ERROR}. */
public record PluginLogLine(String level, String text) {
    /** {@code INFO: text}, the form the test APIs return. */
    public String formatted() {
        return level + ": " + text;
    }
}
