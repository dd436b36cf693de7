package io.influxdb3j.engine;

/**
 * Receives every log line of a plugin run: the plugin's own {@code info/warn/error} and the
 * engine's start, finish and error lines. The server implements it over
 * {@code system.processing_engine_logs} and its own log.
 *
 * <p>Contract: called on the plugin's thread with the GIL released, in order, while the plugin runs;
 * it must not block for long. {@code level} is {@code INFO}, {@code WARN} or {@code ERROR}.
 */
public interface PluginLogSink {
    void log(String trigger, String level, String text);

    /** Drops every line. */
    PluginLogSink NONE = (trigger, level, text) -> { };
}
