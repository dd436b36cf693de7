package io.influxdb3j.cli;

import io.influxdb3j.server.ServeConfig;

/**
 * Starts the server for {@code influxdb3 serve}. The real one is {@link ReflectiveServerStarter}; tests inject a fake
 * to check how flags became a {@link ServeConfig} without starting anything.
 */
@FunctionalInterface
public interface ServerStarter {
    /** Starts a server and returns once it listens; throws with a user-facing message if it cannot. */
    RunningServer start(ServeConfig config) throws Exception;

    /** A started server: the calling thread blocks in {@link #awaitTermination()} until it stops. */
    interface RunningServer extends AutoCloseable {
        int port();

        void awaitTermination() throws Exception;

        @Override
        void close();
    }
}
