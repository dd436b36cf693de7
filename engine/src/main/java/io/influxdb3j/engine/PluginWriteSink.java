package io.influxdb3j.engine;

import java.util.List;

/**
 * Where plugin writes go: the server implements it over its write buffer.
 *
 * <p>Contract: called on the plugin's thread, outside Python (the GIL is not held), so it may block.
 * {@code lineProtocolLines} are already parsed successfully by the engine, one line each, timestamps
 * in nanoseconds; lines without a timestamp take the ingest time. {@code sync} is true for
 * {@code write_sync}/{@code write_sync_to_db}, which are applied while the plugin still runs (a thrown
 * exception is raised in the plugin as {@code Exception("error writing line protocol to <db>: ...")}),
 * and false for the buffered {@code write}/{@code write_to_db} lines, flushed once per database after
 * the plugin returned normally (a thrown exception is reported in the run result and logged).
 */
public interface PluginWriteSink {
    void write(String database, List<String> lineProtocolLines, boolean sync);
}
