package io.influxdb3j.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * A running server the benchmark writes to. It is started (and ready to accept writes) when its
 * factory returns, and {@link #close()} stops it and removes its data unless told to keep it.
 * Used from the benchmark's main thread only; {@link #writeUri()} is then shared by the client threads.
 */
interface IngestTarget extends AutoCloseable {
    /** Short name for the report, e.g. {@code influxdb3j}. */
    String name();

    /** Where line-protocol bodies are POSTed; a 204 response means the whole body was accepted. */
    URI writeUri();

    /** A human description of how writes are acknowledged (durability), for the report. */
    String ackSemantics();

    /** Rows of the {@code cpu} table visible to queries right now; 0 while the table does not exist. */
    long countRows() throws IOException, InterruptedException;

    /**
     * CPU time used so far by the server's own process when it runs outside this JVM, in nanoseconds;
     * 0 for a server inside this JVM (its CPU is this process's).
     */
    default long outOfProcessCpuNanos() {
        return 0;
    }

    /** The server's data directory (temporary; removed by {@link #close()} unless kept). */
    Path dataDir();

    @Override
    void close();
}
