package io.influxdb3j.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one plugin run did.
 *
 * @param logLines every line logged during the run, the engine's own included, in order
 * @param writes the lines written per database: synchronous writes first, then the buffered writes that
 *     were flushed (none when the run failed; in a dry run, everything captured and nothing applied)
 * @param error why the run failed, or null when the entry point returned normally
 * @param writeErrors problems flushing buffered writes (invalid line protocol, a failing sink); they do
 *     not make the run fail, as in InfluxDB 3
 * @param response the HTTP response, for request plugins only (a 500 when the run failed), else null
 */
public record PluginRunResult(
        String trigger,
        EntryPoint entryPoint,
        List<PluginLogLine> logLines,
        Map<String, List<String>> writes,
        PluginError error,
        List<String> writeErrors,
        PluginResponse response,
        Duration elapsed) {

    public boolean succeeded() {
        return error == null;
    }

    public Optional<PluginError> failure() {
        return Optional.ofNullable(error);
    }
}
