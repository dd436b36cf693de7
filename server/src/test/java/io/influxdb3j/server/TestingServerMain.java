package io.influxdb3j.server;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a server in a child JVM for tests that kill it: args are the data directory, the file to
 * write the listening address to, the WAL flush interval in ms and the wal snapshot size.
 */
public final class TestingServerMain {
    private TestingServerMain() {
    }

    public static void main(String[] args) {
        ServeConfig config = TestingServer.config(Path.of(args[0]))
                .withoutAuth(true)
                .withTcpListenerFilePath(Path.of(args[1]))
                .withWalFlushInterval(Duration.ofMillis(Long.parseLong(args[2])))
                .withWalSnapshotSize(Integer.parseInt(args[3]))
                .withSnapshottedWalFilesToKeep(0);
        InfluxServer.start(config).awaitTermination();
    }
}
