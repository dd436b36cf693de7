package io.influxdb3j.pipeline;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What a component may use while it is built and runs.
 *
 * @param name a name for logs: the config file's name, or the managed pipeline's name
 * @param configDirectory where relative paths in the config resolve from (the working directory for
 *     {@code influxdb3 connect run}, as Redpanda Connect resolves them; the pipeline directory when managed)
 * @param threads {@code pipeline.threads} after defaulting (-1 in YAML becomes the number of cores)
 * @param lineProtocolSink when the pipeline runs inside a server, the in-process writer the
 *     {@code influxdb3} output uses instead of HTTP; empty when standalone
 * @param stdin what the {@code stdin} input reads
 * @param stdout what the {@code stdout} output writes
 * @param http the service-wide HTTP server ({@code http:} block) where an {@code http_server} input with an
 *     empty {@code address} registers its path; empty when that server is disabled
 */
public record PipelineContext(String name, Path configDirectory, int threads, Optional<LineProtocolSink> lineProtocolSink,
                              InputStream stdin, PrintStream stdout, Optional<HttpEndpoints> http) {
    public PipelineContext {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configDirectory, "configDirectory");
        Objects.requireNonNull(lineProtocolSink, "lineProtocolSink");
        Objects.requireNonNull(stdin, "stdin");
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(http, "http");
    }

    /** A context over the process's own stdin and stdout, without a service-wide HTTP server. */
    public PipelineContext(String name, Path configDirectory, int threads, Optional<LineProtocolSink> lineProtocolSink) {
        this(name, configDirectory, threads, lineProtocolSink, System.in, System.out, Optional.empty());
    }

    /** {@code path} resolved against {@link #configDirectory()} when it is relative. */
    public Path resolve(String path) {
        return configDirectory.resolve(path).normalize();
    }

    /** Writes line protocol into the server this pipeline runs in. */
    @FunctionalInterface
    public interface LineProtocolSink {
        /**
         * Writes {@code lines} into {@code database} with {@code precision} ("auto", "ns", ...), durably
         * (returns after the WAL fsync). Throws with the server's message if any line is rejected.
         */
        void write(String database, String lines, String precision) throws Exception;
    }

    /** Registration of handlers on the service-wide HTTP server; paths are served as given and under its root path. */
    public interface HttpEndpoints {
        /** Serves {@code path}; fails when another component already serves it. */
        void register(String path, com.sun.net.httpserver.HttpHandler handler);

        /** The address the server listens on, e.g. {@code 127.0.0.1:4195}. */
        String address();
    }
}
