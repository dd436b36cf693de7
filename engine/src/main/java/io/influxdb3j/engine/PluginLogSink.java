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

    /**
     * One of the engine's routine lines, {@code starting execution ...} and {@code finished execution
     * in ...}: recorded like {@link #log}, which this calls unless the sink keeps them apart (the
     * server writes them to its own log at debug level only, not to clutter it once per call).
     */
    default void routine(String trigger, String level, String text) {
        log(trigger, level, text);
    }

    /** Drops every line. */
    PluginLogSink NONE = (trigger, level, text) -> { };
}
