package io.influxdb3j.pipeline;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a component may use while it is built and runs.
 *
 * @param name a name for logs: the config file's name, or the managed pipeline's name
 * @param configDirectory where relative paths in the config resolve from
 * @param threads {@code pipeline.threads} after defaulting (-1 in YAML becomes the number of cores)
 * @param lineProtocolSink when the pipeline runs inside a server, the in-process writer the
 *     {@code influxdb3} output uses instead of HTTP; empty when standalone
 */
public record PipelineContext(String name, Path configDirectory, int threads, Optional<LineProtocolSink> lineProtocolSink) {
    /** Writes line protocol into the server this pipeline runs in. */
    @FunctionalInterface
    public interface LineProtocolSink {
        /**
         * Writes {@code lines} into {@code database} with {@code precision} ("auto", "ns", ...), durably
         * (returns after the WAL fsync). Throws with the server's message if any line is rejected.
         */
        void write(String database, String lines, String precision) throws Exception;
    }
}
